package io.mqttguard.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.audit.AuditEvent;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken file that holds secrets (password hashes, key material) is reported without them: no
 * rejection message and no audit event quotes a secret, whatever point the file was cut at.
 */
class ReloadSecretsTest {
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @Test
  void truncatedUsersOrKeys_atEveryCut_neverQuoteASecret() throws Exception {
    byte[] material = new byte[32];
    ConfigDir.RANDOM.nextBytes(material);
    String b64 = Base64.getEncoder().encodeToString(material);
    String keys =
        """
        {"keys": [{"id": 1, "algorithm": "AES-256-GCM", "status": "primary", "material": "%s"}]}
        """
            .formatted(b64);
    ConfigDir c = new ConfigDir(tmp);
    c.write("keys.json", keys);
    c.write(
        "payload.json",
        "{\"rules\": [{\"topics\": [\"s/#\"], \"action\": \"decrypt\", \"keys\": [1]}]}");
    String[] hashParts = ConfigDir.ALICE_HASH.split("\\$", -1);
    List<String> secrets =
        List.of(b64.substring(0, 12), b64.substring(20, 32), hashParts[4], hashParts[5]);
    try (Guard g = Guard.open(c.options())) {
      check(g, c, "keys.json", keys, secrets);
      check(g, c, "users.json", ConfigDir.USERS, secrets);
      assertThat(c.events("reload")).isNotEmpty().allSatisfy(e -> assertNoSecret(e, secrets));
    }
  }

  private static void check(Guard g, ConfigDir c, String file, String content, List<String> secrets)
      throws Exception {
    for (int cut = 1; cut < content.length() - 2; cut += 3) {
      c.write(file, content.substring(0, cut));
      ReloadOutcome r = g.reload();
      assertThat(r).as("cut at %d", cut).isInstanceOf(ReloadOutcome.Rejected.class);
      String message = ((ReloadOutcome.Rejected) r).problems().getMessage();
      for (String s : secrets) {
        assertThat(message).as("cut at %d", cut).doesNotContain(s);
      }
    }
    c.write(file, content);
    assertThat(g.reload()).isInstanceOf(ReloadOutcome.Unchanged.class);
  }

  private static void assertNoSecret(AuditEvent e, List<String> secrets) {
    for (String s : secrets) {
      assertThat(e.toString()).doesNotContain(s);
    }
  }
}

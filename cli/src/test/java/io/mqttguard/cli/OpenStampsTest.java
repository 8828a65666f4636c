package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.audit.AuditSink;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.payload.PayloadConfig;
import io.mqttguard.payload.PayloadGuard;
import io.mqttguard.payload.PayloadVerdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code open} verifies the stamps {@code seal} makes, as the broker does (issue 15 item 8). */
class OpenStampsTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @BeforeEach
  void keys() throws Exception {
    var unused = PayloadKeys.create(dir);
  }

  @Test
  void open_hmacStamp_printsThePayload_andNotesItWasNotEncrypted() {
    Cli.Result stamped = seal("open", "-t", "cmd/door", "--hmac");

    Cli.Result opened = open(stamped, "cmd/door");

    assertThat(stamped.code()).as(stamped.toString()).isZero();
    assertThat(opened.code()).as(opened.toString()).isZero();
    assertThat(opened.out()).isEqualTo("open");
    assertThat(opened.err())
        .isEqualTo(
            "note: HMAC-SHA256 stamp of key 2 (format version 2) verified; the payload was not"
                + " encrypted\n");
  }

  @Test
  void open_ed25519AndEcdsaStamps_printThePayload() {
    Cli.Result ed = seal("open", "-t", "cmd/door", "--sign", key("ed.key"), "--key-id", "3");
    Cli.Result ec = seal("open", "-t", "cmd/door", "--sign", key("ec.key"), "--key-id", "4");

    Cli.Result edOpened = open(ed, "cmd/door");
    Cli.Result ecOpened = open(ec, "cmd/door");

    assertThat(edOpened.code()).as(edOpened.toString()).isZero();
    assertThat(edOpened.out()).isEqualTo("open");
    assertThat(edOpened.err())
        .startsWith("note: ED25519 stamp of key 3 (format version 2) verified;");
    assertThat(ecOpened.code()).as(ecOpened.toString()).isZero();
    assertThat(ecOpened.out()).isEqualTo("open");
    assertThat(ecOpened.err())
        .startsWith("note: ECDSA-P256 stamp of key 4 (format version 2) verified;");
  }

  @Test
  void open_stampOnAnotherTopic_orAltered_exit1WithTheReason() {
    Cli.Result hmac = seal("open", "-t", "cmd/door", "--hmac");
    Cli.Result signed = seal("open", "-t", "cmd/door", "--sign", key("ed.key"), "--key-id", "3");
    byte[] altered = signed.stdout().clone();
    altered[altered.length - 1] ^= 1;

    Cli.Result hmacElsewhere = open(hmac, "cmd/window");
    Cli.Result signedElsewhere = open(signed, "cmd/window");
    Cli.Result alteredOpened =
        Cli.runWithInput(altered, "open", "-c", dir.toString(), "-t", "cmd/door");

    assertThat(hmacElsewhere.code()).isEqualTo(1);
    assertThat(hmacElsewhere.err()).isEqualTo("error: payload protection failed (HMAC_INVALID)\n");
    assertThat(hmacElsewhere.out()).isEmpty();
    for (Cli.Result r : new Cli.Result[] {signedElsewhere, alteredOpened}) {
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).isEqualTo("error: payload protection failed (SIGNATURE_INVALID)\n");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void open_plainPayload_exit1Unprotected() {
    Cli.Result opened = Cli.runWithInput("open", "open", "-c", dir.toString(), "-t", "cmd/door");

    assertThat(opened.code()).isEqualTo(1);
    assertThat(opened.err()).isEqualTo("error: payload protection failed (UNPROTECTED)\n");
    assertThat(opened.out()).isEmpty();
  }

  @Test
  void hmacStampThatOpenAccepts_isAcceptedByTheBrokerSideGuard() throws Exception {
    Files.writeString(
        dir.resolve("payload.json"),
        "{\"rules\": [{\"topics\": [\"cmd/#\"], \"action\": \"verify-hmac\", \"keys\": [2]}]}");
    Cli.Result stamped = seal("open", "-t", "cmd/door", "--hmac");
    PayloadGuard guard =
        PayloadGuard.create(
            PayloadConfig.load(dir.resolve("keys.json"), dir.resolve("payload.json")),
            AuditSink.discarding(),
            Clock.systemUTC());

    Cli.Result opened = open(stamped, "cmd/door");
    PayloadVerdict broker =
        guard.inbound("cmd/door", ClientIdentity.user("d", "dev-1", Set.of()), stamped.stdout());

    assertThat(opened.code()).as(opened.toString()).isZero();
    assertThat(broker).isInstanceOf(PayloadVerdict.Replaced.class);
    assertThat(new String(((PayloadVerdict.Replaced) broker).payload(), StandardCharsets.UTF_8))
        .isEqualTo(opened.out());
  }

  private String key(String name) {
    return dir.resolve(name).toString();
  }

  private Cli.Result seal(String input, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "seal";
    all[1] = "-c";
    all[2] = dir.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Cli.runWithInput(input, all);
  }

  private Cli.Result open(Cli.Result sealed, String topic) {
    return Cli.runWithInput(sealed.stdout(), "open", "-c", dir.toString(), "-t", topic);
  }
}

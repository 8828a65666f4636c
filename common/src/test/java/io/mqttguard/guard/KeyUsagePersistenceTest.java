package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.login;
import static io.mqttguard.guard.ConfigDir.session;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.payload.KeyUsage;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker persists its per-key envelope counts and reads them back at start and in check. */
class KeyUsagePersistenceTest {
  static final String PAYLOAD =
      """
      {"keyUsageFile": "state/key-usage.json",
       "rules": [{"topics": ["plant/secure/#"], "action": "decrypt", "keys": [1]}]}
      """;

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @SuppressWarnings("NullAway.Init")
  ConfigDir c;

  @SuppressWarnings("NullAway.Init")
  Path usageFile;

  @BeforeEach
  void setUp() throws Exception {
    c = new ConfigDir(tmp);
    c.write("keys.json", PayloadFacadeTest.KEYS);
    c.write("payload.json", PAYLOAD);
    Files.createDirectories(tmp.resolve("state"));
    usageFile = tmp.resolve("state/key-usage.json");
  }

  private void publishSealed(Guard g, int times) throws Exception {
    PayloadSealer sealer =
        PayloadSealer.create(
            Keyset.parse("keys.json", PayloadFacadeTest.KEYS.getBytes(UTF_8)),
            c.clock,
            ConfigDir.RANDOM);
    ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
    for (int i = 0; i < times; i++) {
      byte[] envelope = sealer.seal("plant/secure/x", "21.5".getBytes(UTF_8));
      assertThat(alice.inbound("plant/secure/x", 1, false, envelope).delivered()).isTrue();
    }
  }

  @Test
  void counts_areSavedAtClose_andRestoredAtStart() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      publishSealed(g, 2);
      assertThat(g.metrics().keyUsage()).containsExactlyEntriesOf(Map.of(1L, 2L));
    }
    assertThat(KeyUsage.read(usageFile)).containsExactlyEntriesOf(Map.of(1L, 2L));

    try (Guard g = Guard.open(c.options())) {
      assertThat(g.metrics().keyUsage()).containsExactlyEntriesOf(Map.of(1L, 2L));
      publishSealed(g, 1);
      assertThat(g.metrics().maxKeyUsage()).isEqualTo(3);
      ((DefaultGuard) g).saveKeyUsage();
      assertThat(KeyUsage.read(usageFile)).containsExactlyEntriesOf(Map.of(1L, 3L));
    }
  }

  @Test
  void check_warnsForAKeyPastTheFirstThreshold() throws Exception {
    KeyUsage.write(usageFile, Map.of(1L, (1L << 28) + 5));

    ConfigSnapshot checked = Guard.check(tmp, c.clock);

    assertThat(checked.warnings())
        .anySatisfy(
            w -> {
              assertThat(w.severity()).isEqualTo(ConfigProblem.Severity.WARNING);
              assertThat(w.file()).isEqualTo("state/key-usage.json");
              assertThat(w.message()).contains("key 1", "rotate key 1");
            });
  }

  @Test
  void corruptUsageFile_refusesToStart_namingTheFile() throws Exception {
    Files.writeString(usageFile, "{\"version\": 1, \"keys\": {\"1\": \"many\"}}");

    assertThatThrownBy(() -> Guard.open(c.options()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p.file()).isEqualTo("key-usage.json")));
  }
}

package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.SENSOR;
import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.audit.AuditEvent;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key wear-out: accepted envelopes are counted per key ID, audited at thresholds, persisted. */
class KeyUsageTest {
  private static final String TOPIC = "sensors/a/data";

  private final MutableClock clock = new MutableClock(T0);
  private final Fixtures.RecordingSink audit = new Fixtures.RecordingSink();
  private final KeyCounters usage = new KeyCounters(audit, clock, new long[] {3, 5}, 1);
  private PayloadConfig config;
  private PayloadSealer sealer;
  private PayloadGuard guard;

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @BeforeEach
  void setUp() throws Exception {
    config = Fixtures.config();
    sealer = PayloadSealer.create(config.keys(), clock, Fixtures.seededRandom());
    guard = PayloadGuard.create(config, audit, clock, usage);
  }

  private void accept(int keyId, int times) throws Exception {
    for (int i = 0; i < times; i++) {
      byte[] envelope = sealer.withKey(keyId).seal(TOPIC, utf8("21.5"));
      assertThat(guard.inbound(TOPIC, SENSOR, envelope).delivered()).isTrue();
    }
  }

  private List<AuditEvent> wearOutEvents() {
    return audit.events.stream().filter(e -> e.event().equals("key-usage")).toList();
  }

  @Test
  void acceptedEnvelopes_areCountedPerKeyId() throws Exception {
    accept(1, 2);
    accept(2, 1);

    assertThat(usage.snapshot()).containsEntry(1L, 2L).containsEntry(2L, 1L);
    assertThat(usage.count(3)).isZero();
  }

  @Test
  void refusedEnvelopesAndStamps_areNotCounted() throws Exception {
    byte[] envelope = sealer.seal(TOPIC, utf8("21.5"));
    assertThat(guard.inbound(TOPIC, SENSOR, envelope).delivered()).isTrue();
    assertThat(guard.inbound(TOPIC, SENSOR, envelope).delivered()).isFalse(); // replayed
    assertThat(
            guard.inbound("cmd/door", SENSOR, sealer.stamp("cmd/door", utf8("open"))).delivered())
        .isTrue();

    assertThat(usage.count(1)).isEqualTo(1);
    assertThat(usage.count(4)).isZero();
  }

  @Test
  void crossingEachThreshold_isAuditedOnce_namingKeyAndRotation() throws Exception {
    accept(1, 2);
    assertThat(wearOutEvents()).isEmpty();

    accept(1, 1);
    assertThat(wearOutEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.outcome()).isEqualTo("warn");
              assertThat(e.reasonCode()).isEqualTo("KEY_WEAR_OUT");
              assertThat(e.details())
                  .containsEntry("keyId", "1")
                  .containsEntry("threshold", "3")
                  .containsEntry("count", "3");
              assertThat(e.details().get("advice")).contains("rotate key 1");
            });

    accept(1, 1);
    assertThat(wearOutEvents()).hasSize(1);
    accept(1, 3);
    assertThat(wearOutEvents()).hasSize(2);
    assertThat(wearOutEvents().get(1).details()).containsEntry("threshold", "5");
  }

  @Test
  void defaultThresholds_areWellBeforeTheRandomNonceLimit() {
    assertThat(KeyUsage.THRESHOLDS).containsExactly(1L << 28, 1L << 30, 1L << 31);
  }

  @Test
  void counts_surviveAHotReload_forKeysThatRemain() throws Exception {
    accept(1, 2);

    guard = PayloadGuard.reload(guard, Fixtures.config(), audit, clock);
    accept(1, 1);

    assertThat(usage.count(1)).isEqualTo(3);
    assertThat(wearOutEvents()).hasSize(1);
  }

  @Test
  void restore_raisesCounts_withoutAuditingThresholdsAlreadyPassed() throws Exception {
    usage.restore(Map.of(1L, 4L, 2L, 1L));
    assertThat(usage.count(1)).isEqualTo(4);
    assertThat(wearOutEvents()).isEmpty();

    accept(1, 1);

    assertThat(usage.count(1)).isEqualTo(5);
    assertThat(wearOutEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("threshold", "5"));
  }

  @Test
  void file_roundTrip_andAbsentFileReadsEmpty() throws Exception {
    Path file = tmp.resolve("key-usage.json");
    assertThat(KeyUsage.read(file)).isEmpty();

    KeyUsage.write(file, Map.of(1L, 268_435_456L, 4_294_967_295L, 7L));

    assertThat(KeyUsage.read(file)).isEqualTo(Map.of(1L, 268_435_456L, 4_294_967_295L, 7L));
    try (var listing = Files.list(tmp)) {
      assertThat(listing).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void invalidFile_isAConfigErrorNamingTheFile() throws Exception {
    Path file = tmp.resolve("key-usage.json");
    Files.writeString(file, "{\"version\": 1, \"keys\": {\"1\": -5}}", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> KeyUsage.read(file))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .allSatisfy(p -> assertThat(p.file()).isEqualTo("key-usage.json")));
  }

  @Test
  void warnings_forEveryUsableAeadKeyPastTheFirstThreshold() throws Exception {
    Map<Long, Long> counts = Map.of(1L, 1L << 28, 2L, (1L << 28) - 1, 4L, 1L << 30, 99L, 1L << 31);

    List<ConfigProblem> warnings = KeyUsage.warnings("key-usage.json", counts, config.keys());

    assertThat(warnings)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.severity()).isEqualTo(ConfigProblem.Severity.WARNING);
              assertThat(w.pointer()).isEqualTo("/keys/1");
              assertThat(w.message()).contains("key 1", "268435456", "rotate key 1");
            });
  }
}

package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.SENSOR;
import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.b64;
import static io.mqttguard.payload.Fixtures.key;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.envelope.Algorithm;
import io.mqttguard.envelope.Header;
import io.mqttguard.envelope.WireKey;
import io.mqttguard.testsupport.MutableClock;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key IDs at both ends of the uint32 range, replay-window edges, and loader messages that name the
 * file and pointer.
 */
class KeyIdAndReplayEdgeTest {
  private static final long MAX_ID = 0xFFFFFFFFL;
  private final MutableClock clock = new MutableClock(T0);

  private static Keyset extremeIds() throws ConfigException {
    String keys =
        """
        {"keys": [
          {"id": 1, "algorithm": "AES-256-GCM", "status": "enabled", "material": "%s",
           "derive": "topic"},
          {"id": 4294967295, "algorithm": "AES-256-GCM", "status": "enabled", "material": "%s",
           "derive": "topic"}
        ]}
        """
            .formatted(b64(key(1)), b64(key(9)));
    return Keyset.parse("keys.json", utf8(keys));
  }

  @Test
  void withKey_acceptsIdsOneAndMaxUint32_andRejectsZeroAndBeyond() throws Exception {
    Keyset keys = extremeIds();
    PayloadSealer sealer = PayloadSealer.create(keys, clock, Fixtures.seededRandom());
    for (long id : new long[] {1, MAX_ID}) {
      byte[] e = sealer.withKey(id).seal("t/x", utf8("m"));
      assertThat(Header.parse(e).keyId()).isEqualTo(id);
      assertThat(sealer.open("t/x", null, e)).isEqualTo(utf8("m"));
    }
    for (long id : new long[] {0, MAX_ID + 1, -1}) {
      assertThatThrownBy(() -> sealer.withKey(id))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("but was " + id);
    }
  }

  @Test
  void exportTopicKey_acceptsIdsOneAndMaxUint32_andRejectsZeroAndBeyond() throws Exception {
    Keyset keys = extremeIds();
    assertThat(keys.exportTopicKey(1, "t/x"))
        .isEqualTo(WireKey.symmetric(1, Algorithm.AES_256_GCM, key(1), true).topicKey("t/x"))
        .isNotEqualTo(keys.exportTopicKey(1, "t/y"));
    assertThat(keys.exportTopicKey(MAX_ID, "t/x"))
        .isEqualTo(WireKey.symmetric(MAX_ID, Algorithm.AES_256_GCM, key(9), true).topicKey("t/x"));
    for (long id : new long[] {0, MAX_ID + 1}) {
      assertThatThrownBy(() -> keys.exportTopicKey(id, "t/x"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void sign_acceptsIdsOneAndMaxUint32_andRejectsZeroAndBeyond() throws Exception {
    KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    for (long id : new long[] {1, MAX_ID}) {
      byte[] s = PayloadSealer.sign(ed.getPrivate(), id, "fw/x", utf8("img"), clock);
      assertThat(Integer.toUnsignedLong(ByteBuffer.wrap(s).getInt(3))).isEqualTo(id);
    }
    for (long id : new long[] {0, MAX_ID + 1}) {
      assertThatThrownBy(() -> PayloadSealer.sign(ed.getPrivate(), id, "fw/x", utf8("i"), clock))
          .isInstanceOf(PayloadSecurityException.class);
    }
  }

  private static byte[] nonce(int... bytes) {
    byte[] n = new byte[12];
    for (int i = 0; i < bytes.length; i++) {
      n[i] = (byte) bytes[i];
    }
    return n;
  }

  @Test
  void replayCache_replayAtTheLastSecondOfTheWindow_isStillRefused() {
    ReplayCache cache = new ReplayCache(10, 300);
    long ts = 1_000;
    assertThat(cache.firstSeen(1, nonce(7), 0, ts, ts)).isNull();
    assertThat(cache.firstSeen(1, nonce(7), 0, ts, ts + 300)).isEqualTo(RefusalReason.REPLAYED);
    assertThat(cache.size()).isEqualTo(1);
    // One second later the message's timestamp is outside the window, so it is forgotten.
    assertThat(cache.firstSeen(1, nonce(8), 0, ts + 301, ts + 301)).isNull();
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void replayCache_noncesDifferingOnlyInTheirLastFourBytes_areDistinct() {
    ReplayCache cache = new ReplayCache(10, 300);
    byte[] a = nonce(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    byte[] b = a.clone();
    b[11] ^= 1;
    byte[] c = a.clone();
    c[0] ^= 1;
    assertThat(cache.firstSeen(5, a, 0, 0, 0)).isNull();
    assertThat(cache.firstSeen(5, b, 0, 0, 0)).isNull();
    assertThat(cache.firstSeen(5, c, 0, 0, 0)).isNull();
    assertThat(cache.firstSeen(6, a, 0, 0, 0)).isNull();
    assertThat(cache.firstSeen(5, b, 0, 0, 0)).isEqualTo(RefusalReason.REPLAYED);
  }

  @Test
  void replayCache_expiresInTimestampOrder_notInArrivalOrder() {
    ReplayCache cache = new ReplayCache(2, 10);
    assertThat(cache.firstSeen(1, nonce(1), 0, 100, 100)).isNull(); // expires after 110
    assertThat(cache.firstSeen(1, nonce(2), 0, 91, 100)).isNull(); // expires after 101
    assertThat(cache.firstSeen(1, nonce(3), 0, 100, 100))
        .isEqualTo(RefusalReason.REPLAY_CACHE_FULL);
    // At 102 the second entry is gone even though it arrived last; the first one is still live.
    assertThat(cache.firstSeen(1, nonce(3), 0, 102, 102)).isNull();
    assertThat(cache.firstSeen(1, nonce(1), 0, 100, 102)).isEqualTo(RefusalReason.REPLAYED);
  }

  @Test
  void guard_replayAtTheWindowEdge_isRefused() throws Exception {
    PayloadConfig config = Fixtures.config();
    PayloadGuard guard = PayloadGuard.create(config, event -> {}, clock);
    byte[] e =
        PayloadSealer.create(config.keys(), clock, Fixtures.seededRandom())
            .seal("sensors/a/data", utf8("reading"));
    assertThat(guard.inbound("sensors/a/data", SENSOR, e).delivered()).isTrue();
    clock.advance(Duration.ofSeconds(config.replayWindowSeconds()));
    PayloadVerdict again = guard.inbound("sensors/a/data", SENSOR, e);
    assertThat(again).isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAYED));
    clock.advance(Duration.ofSeconds(1));
    assertThat(guard.inbound("sensors/a/data", SENSOR, e))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.TIMESTAMP_EXPIRED));
  }

  @Test
  void keysLoad_semanticProblem_namesTheFileByItsName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys.json");
    Files.write(
        file,
        utf8(
            """
            {"keys": [{"id": 1, "algorithm": "AES-256-GCM", "status": "enabled"}]}
            """));
    assertThatThrownBy(() -> Keyset.load(file))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::file, ConfigProblem::pointer, ConfigProblem::message)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                            "keys.json",
                            "/keys/0",
                            "material is required for this algorithm and status")));
  }

  @Test
  void payloadRule_invalidTopicFilter_isReportedAtItsPointer() throws Exception {
    String rules =
        """
        {"rules": [{"topics": ["ok/#", "a/#/b"], "action": "decrypt", "keys": [1]}]}
        """;
    assertThatThrownBy(() -> PayloadConfig.withKeys(Fixtures.keyset(), "payload.json", utf8(rules)))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems()).hasSize(1);
              assertThat(e.problems().get(0).pointer()).isEqualTo("/rules/0/topics/1");
              assertThat(e.problems().get(0).message())
                  .startsWith("must be a valid MQTT topic filter");
            });
  }

  @Test
  void emptyConfig_passesEverythingThrough_andToStringShowsNoMaterial() throws Exception {
    PayloadConfig empty = PayloadConfig.empty();
    assertThat(empty.ruleCount()).isZero();
    assertThat(PayloadGuard.create(empty, event -> {}, clock).inbound("a", SENSOR, utf8("x")))
        .isSameAs(PayloadVerdict.passThrough());
    PayloadConfig config = Fixtures.config();
    assertThat(config.toString())
        .startsWith("PayloadConfig[5 rules, Keyset[Key[1 AES-256-GCM PRIMARY], ")
        .doesNotContain(b64(key(1)));
  }
}

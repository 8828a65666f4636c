package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.SENSOR;
import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.audit.AuditEvent;
import io.mqttguard.envelope.Header;
import io.mqttguard.testsupport.MutableClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad input is refused with its own reason, audited, and never throws. */
class RefusalTest {
  private static final String TOPIC = "sensors/a/data";
  private static final byte[] SECRET = utf8("top-secret-reading");

  private final MutableClock clock = new MutableClock(T0);
  private final Fixtures.RecordingSink audit = new Fixtures.RecordingSink();
  private PayloadConfig config;
  private PayloadGuard guard;
  private PayloadSealer sealer;

  @BeforeEach
  void setUp() throws Exception {
    config = Fixtures.config();
    guard = PayloadGuard.create(config, audit, clock);
    sealer = PayloadSealer.create(config.keys(), clock, Fixtures.seededRandom());
  }

  private RefusalReason refusal(String topic, byte[] payload) {
    PayloadVerdict o = guard.inbound(topic, SENSOR, payload);
    assertThat(o).isInstanceOf(PayloadVerdict.Refused.class);
    return ((PayloadVerdict.Refused) o).reason();
  }

  @Test
  void truncated_everyPrefixOfAnEnvelope_isRefusedNeverDelivered() throws Exception {
    byte[] envelope = sealer.seal(TOPIC, SECRET);
    for (int n = 0; n < envelope.length; n++) {
      RefusalReason r = refusal(TOPIC, Arrays.copyOf(envelope, n));
      if (n == 0) {
        assertThat(r).isEqualTo(RefusalReason.UNPROTECTED);
      } else if (n < Header.MIN_ENVELOPE_LENGTH) {
        assertThat(r).as("length %d", n).isEqualTo(RefusalReason.TRUNCATED);
      } else {
        assertThat(r).as("length %d", n).isEqualTo(RefusalReason.AUTHENTICATION_FAILED);
      }
    }
  }

  @Test
  void header_unknownVersionAlgorithmFlagsAndKey_haveDistinctReasons() throws Exception {
    byte[] e = sealer.seal(TOPIC, SECRET);
    assertThat(refusal(TOPIC, with(e, 0, 0x03))).isEqualTo(RefusalReason.UNKNOWN_VERSION);
    assertThat(refusal(TOPIC, with(e, 0, 0x01))).isEqualTo(RefusalReason.AUTHENTICATION_FAILED);
    assertThat(refusal(TOPIC, with(e, 0, '{'))).isEqualTo(RefusalReason.UNPROTECTED);
    assertThat(refusal(TOPIC, with(e, 1, 0x07))).isEqualTo(RefusalReason.UNKNOWN_ALGORITHM);
    assertThat(refusal(TOPIC, with(e, 1, 0x10))).isEqualTo(RefusalReason.UNKNOWN_ALGORITHM);
    assertThat(refusal(TOPIC, with(e, 1, 0x02))).isEqualTo(RefusalReason.UNKNOWN_ALGORITHM);
    assertThat(refusal(TOPIC, with(e, 2, 0x02))).isEqualTo(RefusalReason.MALFORMED_HEADER);
    assertThat(refusal(TOPIC, with(e, 6, 0x09))).isEqualTo(RefusalReason.UNKNOWN_KEY);
    assertThat(refusal(TOPIC, with(e, 6, 0x04))).isEqualTo(RefusalReason.UNKNOWN_KEY);
  }

  @Test
  void bitFlipSweep_everyBitOfTheEnvelope_isRefusedAndNeverLeaksPlaintext() throws Exception {
    byte[] envelope = sealer.seal(TOPIC, SECRET);
    Set<RefusalReason> seen = EnumSet.noneOf(RefusalReason.class);
    for (int bit = 0; bit < envelope.length * 8; bit++) {
      byte[] flipped = envelope.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      PayloadVerdict o = guard.inbound(TOPIC, SENSOR, flipped);
      assertThat(o.delivered()).as("bit %d", bit).isFalse();
      RefusalReason r = ((PayloadVerdict.Refused) o).reason();
      seen.add(r);
      if (bit / 8 >= Header.NONCE_OFFSET) {
        assertThat(r).as("bit %d", bit).isEqualTo(RefusalReason.AUTHENTICATION_FAILED);
      }
    }
    assertThat(seen)
        .contains(
            RefusalReason.UNKNOWN_VERSION,
            RefusalReason.UNKNOWN_ALGORITHM,
            RefusalReason.MALFORMED_HEADER,
            RefusalReason.UNKNOWN_KEY,
            RefusalReason.TIMESTAMP_EXPIRED,
            RefusalReason.TIMESTAMP_IN_FUTURE,
            RefusalReason.AUTHENTICATION_FAILED);
    assertThat(audit.events).hasSize(envelope.length * 8);
    assertThat(audit.events).allSatisfy(e -> assertThat(e.toString()).doesNotContain("top-secret"));
    assertThat(guard.inbound(TOPIC, SENSOR, envelope).delivered()).as("original").isTrue();
  }

  @Test
  void bitFlipSweep_everyBitOfTheTopic_isRefused() throws Exception {
    String topic = "sensors/abc/data";
    byte[] envelope = sealer.seal(topic, SECRET);
    PayloadConfig everywhere =
        PayloadConfig.withKeys(
            config.keys(),
            "payload.json",
            utf8("{\"rules\": [{\"topics\": [\"#\"], \"action\": \"decrypt\", \"keys\": [1]}]}"));
    PayloadGuard guard = PayloadGuard.create(everywhere, audit, clock);
    for (int i = 0; i < topic.length(); i++) {
      for (int bit = 0; bit < 7; bit++) {
        char[] chars = topic.toCharArray();
        chars[i] ^= (char) (1 << bit);
        String other = new String(chars);
        PayloadVerdict o = guard.inbound(other, SENSOR, envelope);
        assertThat(o.delivered()).as("topic %s", other).isFalse();
      }
    }
    assertThat(guard.inbound(topic, SENSOR, envelope).delivered()).isTrue();
  }

  @Test
  void clockSkew_insideWindowAccepted_outsideRefusedBothWays() throws Exception {
    byte[] atT0 = sealer.seal(TOPIC, SECRET);
    byte[] atT0b = sealer.seal(TOPIC, SECRET);
    clock.advance(Duration.ofMinutes(5));
    assertThat(guard.inbound(TOPIC, SENSOR, atT0).delivered()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(refusal(TOPIC, atT0b)).isEqualTo(RefusalReason.TIMESTAMP_EXPIRED);

    MutableClock deviceClock = new MutableClock(T0.plusSeconds(301 + 301));
    PayloadSealer fast = PayloadSealer.create(config.keys(), deviceClock, Fixtures.seededRandom());
    assertThat(refusal(TOPIC, fast.seal(TOPIC, SECRET)))
        .isEqualTo(RefusalReason.TIMESTAMP_IN_FUTURE);
    deviceClock.advance(Duration.ofSeconds(-1));
    assertThat(guard.inbound(TOPIC, SENSOR, fast.seal(TOPIC, SECRET)).delivered()).isTrue();
  }

  @Test
  void replay_insideWindowRefused_afterWindowRefusedAsExpired() throws Exception {
    byte[] envelope = sealer.seal(TOPIC, SECRET);
    assertThat(guard.inbound(TOPIC, SENSOR, envelope).delivered()).isTrue();
    assertThat(refusal(TOPIC, envelope)).isEqualTo(RefusalReason.REPLAYED);
    clock.advance(Duration.ofSeconds(299));
    assertThat(refusal(TOPIC, envelope)).isEqualTo(RefusalReason.REPLAYED);
    clock.advance(Duration.ofSeconds(10));
    assertThat(refusal(TOPIC, envelope)).isEqualTo(RefusalReason.TIMESTAMP_EXPIRED);
  }

  @Test
  void replayCache_fullOfLiveEntries_failsClosed() throws Exception {
    PayloadConfig small =
        PayloadConfig.withKeys(
            config.keys(),
            "payload.json",
            utf8(
                """
                {"replay": {"cacheSize": 16, "maxPerPublisher": 8},
                 "rules": [{"topics": ["#"], "action": "decrypt", "keys": [1]}]}
                """));
    PayloadGuard g = PayloadGuard.create(small, audit, clock);
    var other = io.mqttguard.identity.ClientIdentity.user("sensor-2", "other", Set.of("sensor"));
    var third = io.mqttguard.identity.ClientIdentity.user("sensor-3", "third", Set.of("sensor"));
    for (int i = 0; i < 8; i++) {
      assertThat(g.inbound(TOPIC, SENSOR, sealer.seal(TOPIC, SECRET)).delivered()).isTrue();
      assertThat(g.inbound(TOPIC, other, sealer.seal(TOPIC, SECRET)).delivered()).isTrue();
    }
    assertThat(g.inbound(TOPIC, third, sealer.seal(TOPIC, SECRET)))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAY_CACHE_FULL));
    clock.advance(Duration.ofSeconds(301));
    assertThat(g.inbound(TOPIC, third, sealer.seal(TOPIC, SECRET)).delivered()).isTrue();
  }

  @Test
  void oversize_isRefusedBeforeAnyCrypto() throws Exception {
    byte[] big = sealer.seal("small/x", new byte[64]);
    assertThat(refusal("small/x", big)).isEqualTo(RefusalReason.OVERSIZE);
    assertThat(guard.inbound("small/x", SENSOR, sealer.seal("small/x", new byte[4])).delivered())
        .isTrue();
  }

  @Test
  void clientBinding_requiredButAbsent_isRefused() throws Exception {
    assertThat(refusal("bound/x", sealer.seal("bound/x", SECRET)))
        .isEqualTo(RefusalReason.CLIENT_BINDING_REQUIRED);
    assertThat(
            guard
                .inbound("bound/x", SENSOR, sealer.sealBound("bound/x", "sensor-1", SECRET))
                .delivered())
        .isTrue();
  }

  @Test
  void requireProtected_passesEnvelopesUnchangedAndRefusesPlaintext() throws Exception {
    byte[] envelope = sealer.seal("e2e/x", SECRET);
    assertThat(guard.inbound("e2e/x", SENSOR, envelope)).isSameAs(PayloadVerdict.passThrough());
    assertThat(refusal("e2e/x", utf8("plain text"))).isEqualTo(RefusalReason.UNPROTECTED);
    assertThat(refusal("e2e/x", new byte[0])).isEqualTo(RefusalReason.UNPROTECTED);
  }

  @Test
  void invalidTopicName_onAMatchingRule_isRefused() {
    assertThat(refusal("sensors/+/data", utf8("x"))).isEqualTo(RefusalReason.INVALID_TOPIC);
  }

  @Test
  void refusals_areAuditedWithReasonRuleAndTopicButNoPayload() throws Exception {
    var unused = guard.inbound(TOPIC, SENSOR, with(sealer.seal(TOPIC, SECRET), 30, 0));
    AuditEvent e = audit.events.get(0);
    assertThat(e.reasonCode()).isEqualTo("AUTHENTICATION_FAILED");
    assertThat(e.decidedBy()).isEqualTo("payload:telemetry");
    assertThat(e.clientId()).isEqualTo("sensor-1");
    assertThat(e.username()).isEqualTo("sensor");
    assertThat(e.time()).isEqualTo(T0);
    assertThat(e.details()).containsOnlyKeys("topic", "bytes", "keyId");
  }

  private static byte[] with(byte[] b, int index, int value) {
    byte[] copy = b.clone();
    copy[index] = (byte) value;
    return copy;
  }
}

package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.SENSOR;
import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PayloadGuardTest {
  private final MutableClock clock = new MutableClock(T0);
  private final Fixtures.RecordingSink audit = new Fixtures.RecordingSink();
  private PayloadGuard guard;
  private PayloadSealer sealer;

  @BeforeEach
  void setUp() throws Exception {
    PayloadConfig config = Fixtures.config();
    guard = PayloadGuard.create(config, audit, clock);
    sealer = PayloadSealer.create(config.keys(), clock, Fixtures.seededRandom());
  }

  @Test
  void inbound_noRuleMatches_passesThroughUnaudited() {
    assertThat(guard.inbound("other/topic", SENSOR, utf8("hello")))
        .isSameAs(PayloadVerdict.passThrough());
    assertThat(audit.events).isEmpty();
  }

  @Test
  void disabled_passesEverythingThrough() {
    assertThat(PayloadGuard.disabled().inbound("sensors/a/data", SENSOR, utf8("x")))
        .isSameAs(PayloadVerdict.passThrough());
  }

  @Test
  void decrypt_aesEnvelope_isReplacedByPlaintext() throws Exception {
    byte[] envelope = sealer.seal("sensors/a/data", utf8("21.5"));
    assertThat(guard.inbound("sensors/a/data", SENSOR, envelope))
        .isInstanceOfSatisfying(
            PayloadVerdict.Replaced.class, r -> assertThat(r.payload()).isEqualTo(utf8("21.5")));
  }

  @Test
  void decrypt_chachaEnvelope_isReplacedByPlaintext() throws Exception {
    byte[] envelope = sealer.withKey(2).seal("sensors/a/data", utf8("21.5"));
    assertThat(envelope[1]).isEqualTo((byte) 0x02);
    assertThat(guard.inbound("sensors/a/data", SENSOR, envelope))
        .isInstanceOfSatisfying(
            PayloadVerdict.Replaced.class, r -> assertThat(r.payload()).isEqualTo(utf8("21.5")));
  }

  @Test
  void decrypt_perTopicDerivedKey_roundTripsAndIsTopicSpecific() throws Exception {
    byte[] envelope = sealer.withKey(3).seal("sensors/a/data", utf8("v"));
    assertThat(guard.inbound("sensors/a/data", SENSOR, envelope).delivered()).isTrue();
    byte[] other = sealer.withKey(3).seal("sensors/b/data", utf8("v"));
    assertThat(guard.inbound("sensors/a/data", SENSOR, other))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.AUTHENTICATION_FAILED));
  }

  @Test
  void decrypt_envelopeMovedToAnotherTopic_isRefusedAndAudited() throws Exception {
    byte[] envelope = sealer.seal("sensors/a/data", utf8("secret-reading"));
    PayloadVerdict o = guard.inbound("sensors/b/data", SENSOR, envelope);
    assertThat(o).isEqualTo(new PayloadVerdict.Refused(RefusalReason.AUTHENTICATION_FAILED));
    assertThat(audit.events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.event()).isEqualTo("payload");
              assertThat(e.outcome()).isEqualTo("deny");
              assertThat(e.reasonCode()).isEqualTo("AUTHENTICATION_FAILED");
              assertThat(e.decidedBy()).isEqualTo("payload:telemetry");
              assertThat(e.details())
                  .containsEntry("topic", "sensors/b/data")
                  .containsEntry("keyId", "1");
              assertThat(e.toString()).doesNotContain("secret-reading");
            });
  }

  @Test
  void decrypt_replayedEnvelope_isRefused() throws Exception {
    byte[] envelope = sealer.seal("sensors/a/data", utf8("x"));
    assertThat(guard.inbound("sensors/a/data", SENSOR, envelope).delivered()).isTrue();
    clock.advance(Duration.ofSeconds(10));
    assertThat(guard.inbound("sensors/a/data", SENSOR, envelope))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAYED));
  }

  @Test
  void decrypt_plaintextOnProtectedTopic_isRefusedAsUnprotected() {
    assertThat(guard.inbound("sensors/a/data", SENSOR, utf8("{\"t\":21.5}")))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.UNPROTECTED));
  }

  @Test
  void refusal_mapsToCoarseMqtt5Codes() {
    assertThat(RefusalReason.TRUNCATED.mqtt5ReasonCode()).isEqualTo(0x99);
    assertThat(RefusalReason.TRUNCATED.ackCode()).isEqualTo(PublishAckCode.PAYLOAD_FORMAT_INVALID);
    assertThat(RefusalReason.AUTHENTICATION_FAILED.mqtt5ReasonCode()).isEqualTo(0x87);
    assertThat(RefusalReason.UNKNOWN_KEY.ackCode()).isEqualTo(PublishAckCode.NOT_AUTHORIZED);
    assertThat(RefusalReason.OVERSIZE.ackCode()).isEqualTo(PublishAckCode.QUOTA_EXCEEDED);
    assertThat(RefusalReason.OVERSIZE.mqtt5ReasonCode()).isEqualTo(0x97);
  }

  @ParameterizedTest
  @EnumSource(RefusalReason.class)
  void everyRefusal_isAnsweredWithACodeMqtt5AllowsInPubAckAndPubRec(RefusalReason reason) {
    // MQTT 5.0 §3.4.2.1 / §3.5.2.1: the only PUBACK/PUBREC reason codes
    assertThat(reason.mqtt5ReasonCode())
        .isIn(0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99)
        .isNotIn(0x00, 0x10);
  }
}

package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.SENSOR;
import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.envelope.Header;
import io.mqttguard.testsupport.MutableClock;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exact boundaries of the wire formats and of the guard's size limit: one byte either side of every
 * length and version limit gets the documented reason.
 */
class WireBoundaryTest {
  private static final String TOPIC = "sensors/a/data";
  private static final String CMD = "cmd/reboot";

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

  private RefusalReason refusal(String topic, byte[] payload) {
    PayloadVerdict o = guard.inbound(topic, SENSOR, payload);
    assertThat(o).isInstanceOf(PayloadVerdict.Refused.class);
    return ((PayloadVerdict.Refused) o).reason();
  }

  private static byte[] with(byte[] b, int index, int value) {
    byte[] c = b.clone();
    c[index] = (byte) value;
    return c;
  }

  @Test
  void envelopeVersion_0x0FIsAReservedVersion_0x10And0x00AreNotEnvelopes() throws Exception {
    byte[] e = sealer.seal(TOPIC, utf8("x"));
    assertThat(refusal(TOPIC, with(e, 0, 0x0F))).isEqualTo(RefusalReason.UNKNOWN_VERSION);
    assertThat(refusal(TOPIC, with(e, 0, 0x10))).isEqualTo(RefusalReason.UNPROTECTED);
    assertThat(refusal(TOPIC, with(e, 0, 0x00))).isEqualTo(RefusalReason.UNPROTECTED);
  }

  @Test
  void stamp_emptyPayloadWithFullTag_isAcceptedAndStripped() throws Exception {
    byte[] s = sealer.withFormatVersion(1).stamp(CMD, new byte[0]);
    assertThat(s).hasSize(Header.V1_STAMP_HEADER_LENGTH + 32);
    PayloadVerdict o = guard.inbound(CMD, SENSOR, s);
    assertThat(o).isEqualTo(new PayloadVerdict.Replaced(new byte[0]));
  }

  @Test
  void stamp_oneByteShortOfTheTag_isTruncated() throws Exception {
    byte[] s = sealer.withFormatVersion(1).stamp(CMD, new byte[0]);
    assertThat(refusal(CMD, Arrays.copyOf(s, s.length - 1))).isEqualTo(RefusalReason.TRUNCATED);
    assertThat(refusal(CMD, Arrays.copyOf(s, Header.V1_STAMP_HEADER_LENGTH)))
        .isEqualTo(RefusalReason.TRUNCATED);
  }

  @Test
  void stamp_shorterThanItsHeader_isTruncatedWhateverTheAlgorithmByteSays() throws Exception {
    byte[] s = sealer.withFormatVersion(1).stamp(CMD, utf8("payload"));
    assertThat(refusal(CMD, Arrays.copyOf(s, 2))).isEqualTo(RefusalReason.TRUNCATED);
    assertThat(refusal(CMD, Arrays.copyOf(s, Header.V1_STAMP_HEADER_LENGTH - 1)))
        .isEqualTo(RefusalReason.TRUNCATED);
    assertThat(refusal(CMD, with(Arrays.copyOf(s, Header.V1_STAMP_HEADER_LENGTH - 1), 1, 0x07)))
        .isEqualTo(RefusalReason.TRUNCATED);
  }

  @Test
  void stamp_exactlyHeaderLengthWithUnknownAlgorithm_isUnknownAlgorithm() throws Exception {
    byte[] s = sealer.withFormatVersion(1).stamp(CMD, utf8("payload"));
    assertThat(refusal(CMD, with(Arrays.copyOf(s, Header.V1_STAMP_HEADER_LENGTH), 1, 0x07)))
        .isEqualTo(RefusalReason.UNKNOWN_ALGORITHM);
  }

  @Test
  void stamp_withReservedFlagBits_isMalformedHeader() throws Exception {
    byte[] s = sealer.withFormatVersion(1).stamp(CMD, utf8("payload"));
    for (int flag : new int[] {0x01, 0x80}) {
      assertThat(refusal(CMD, with(s, 2, flag))).isEqualTo(RefusalReason.MALFORMED_HEADER);
    }
  }

  @Test
  void maxPayloadBytes_exactlyAtTheLimitPasses_oneMoreIsOversize() throws Exception {
    // rule "small": small/# with maxPayloadBytes 64; an envelope is 43 bytes + plaintext.
    byte[] atLimit = sealer.seal("small/x", new byte[64 - Header.MIN_ENVELOPE_LENGTH]);
    assertThat(atLimit).hasSize(64);
    assertThat(guard.inbound("small/x", SENSOR, atLimit).delivered()).isTrue();
    byte[] over = sealer.seal("small/x", new byte[65 - Header.MIN_ENVELOPE_LENGTH]);
    assertThat(refusal("small/x", over)).isEqualTo(RefusalReason.OVERSIZE);
  }

  @Test
  void auditOfUnknownKeyZero_recordsKeyIdZero() throws Exception {
    byte[] e = sealer.seal(TOPIC, utf8("x"));
    for (int i = 3; i < 7; i++) {
      e[i] = 0;
    }
    assertThat(refusal(TOPIC, e)).isEqualTo(RefusalReason.UNKNOWN_KEY);
    assertThat(audit.events).hasSize(1);
    assertThat(audit.events.get(0).details()).containsEntry("keyId", "0");
  }

  @Test
  void auditOfStructuralRefusal_hasNoKeyId() {
    assertThat(refusal(TOPIC, new byte[] {1, 1, 0})).isEqualTo(RefusalReason.TRUNCATED);
    Map<String, String> details = audit.events.get(0).details();
    assertThat(details).containsEntry("topic", TOPIC).containsEntry("bytes", "3");
    assertThat(details).doesNotContainKey("keyId");
  }

  @Test
  void topicWithoutRule_passesThroughUnchanged() {
    PayloadVerdict o = guard.inbound("free/topic", SENSOR, utf8("anything"));
    assertThat(o).isSameAs(PayloadVerdict.passThrough());
    assertThat(o.delivered()).isTrue();
    assertThat(audit.events).isEmpty();
  }

  @Test
  void requireProtected_wellFormedEnvelope_passesThroughWithoutDecryption() throws Exception {
    byte[] e = sealer.seal("e2e/chat", utf8("end-to-end"));
    assertThat(guard.inbound("e2e/chat", SENSOR, e)).isSameAs(PayloadVerdict.passThrough());
    assertThat(refusal("e2e/chat", utf8("plain"))).isEqualTo(RefusalReason.UNPROTECTED);
  }

  @Test
  void replaced_equalsByContent_hashesByContent_andNeverPrintsTheBytes() {
    PayloadVerdict.Replaced a = new PayloadVerdict.Replaced(utf8("secret"));
    PayloadVerdict.Replaced b = new PayloadVerdict.Replaced(utf8("secret"));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new PayloadVerdict.Replaced(utf8("secreT")));
    assertThat(a.equals(PayloadVerdict.passThrough())).isFalse();
    assertThat(a.hashCode()).isEqualTo(Arrays.hashCode(utf8("secret")));
    assertThat(a.toString()).isEqualTo("Replaced[6 bytes]");
    assertThat(a.delivered()).isTrue();
    assertThat(PayloadVerdict.passThrough().delivered()).isTrue();
    assertThat(new PayloadVerdict.Refused(RefusalReason.REPLAYED).delivered()).isFalse();
  }

  @Test
  void stampV2_emptyPayload_is27HeaderBytesAndTheTag_andOneByteLessIsTruncated() throws Exception {
    byte[] s = sealer.stamp(CMD, new byte[0]);
    assertThat(s).hasSize(Header.LONG_HEADER_LENGTH + 32);
    assertThat(refusal(CMD, Arrays.copyOf(s, s.length - 1))).isEqualTo(RefusalReason.TRUNCATED);
    assertThat(refusal(CMD, Arrays.copyOf(s, Header.LONG_HEADER_LENGTH - 1)))
        .isEqualTo(RefusalReason.TRUNCATED);
    assertThat(guard.inbound(CMD, SENSOR, s)).isEqualTo(new PayloadVerdict.Replaced(new byte[0]));
  }

  @Test
  void stampV2_reservedFlagBitsAreMalformed_theBindingBitFailsTheTag() throws Exception {
    byte[] s = sealer.stamp(CMD, utf8("payload"));
    for (int flag : new int[] {0x02, 0x80}) {
      assertThat(refusal(CMD, with(s, 2, flag))).isEqualTo(RefusalReason.MALFORMED_HEADER);
    }
    assertThat(refusal(CMD, with(s, 2, 0x01))).isEqualTo(RefusalReason.HMAC_INVALID);
  }
}

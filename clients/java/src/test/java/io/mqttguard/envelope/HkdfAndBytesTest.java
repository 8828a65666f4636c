package io.mqttguard.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** HKDF-SHA256 against RFC 5869 appendix A, and the big-endian helpers. */
class HkdfAndBytesTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] IKM = HEX.parseHex("0b".repeat(22));

  @Test
  void hkdf_rfc5869TestCase1_multiBlockOutput() throws Exception {
    byte[] okm =
        Hkdf.derive(
            IKM,
            HEX.parseHex("000102030405060708090a0b0c"),
            HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"),
            42);
    assertThat(HEX.formatHex(okm))
        .isEqualTo(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void hkdf_rfc5869TestCase3_emptySaltAndInfo() throws Exception {
    assertThat(HEX.formatHex(Hkdf.derive(IKM, new byte[0], new byte[0], 42)))
        .isEqualTo(
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }

  @Test
  void hkdf_outputLengthOutOfRange_isRejected() {
    assertThatThrownBy(() -> Hkdf.derive(IKM, new byte[0], new byte[0], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hkdf.derive(IKM, new byte[0], new byte[0], 255 * 32 + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bytes_bigEndianRoundTripsIncludingSignBits() {
    byte[] b = new byte[12];
    Bytes.putLong(b, 0, 0x8123456789abcdefL);
    Bytes.putInt(b, 8, 0xfedcba98);
    assertThat(HEX.formatHex(b)).isEqualTo("8123456789abcdeffedcba98");
    assertThat(Bytes.getLong(b, 0)).isEqualTo(0x8123456789abcdefL);
    assertThat(Bytes.getInt(b, 8)).isEqualTo(0xfedcba98);
    assertThat(Bytes.getLong(b, 4)).isEqualTo(0x89abcdeffedcba98L);
  }

  @Test
  void bytes_lengthPrefix_writesU16AndRejectsOverlong() {
    byte[] out = new byte[2 + 300];
    byte[] value = new byte[300];
    Arrays.fill(value, (byte) 7);
    assertThat(Bytes.putLengthPrefixed(out, 0, value)).isEqualTo(302);
    assertThat(out[0]).isEqualTo((byte) 0x01);
    assertThat(out[1]).isEqualTo((byte) 0x2c);
    assertThat(out[301]).isEqualTo((byte) 7);
    assertThatThrownBy(() -> Bytes.putLengthPrefixed(new byte[70_000], 0, new byte[65_536]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hkdf_outputLengthLimits_areInclusive() throws Exception {
    assertThat(Hkdf.derive(IKM, new byte[0], new byte[0], 1)).hasSize(1);
    assertThat(Hkdf.derive(IKM, new byte[0], new byte[0], 255 * 32)).hasSize(255 * 32);
    assertThatThrownBy(() -> Hkdf.derive(IKM, new byte[0], new byte[0], -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lengthPrefix_acceptsExactly65535Bytes() {
    byte[] out = new byte[65_537];
    assertThat(Bytes.putLengthPrefixed(out, 0, new byte[65_535])).isEqualTo(65_537);
    assertThat(out[0]).isEqualTo((byte) 0xFF);
    assertThat(out[1]).isEqualTo((byte) 0xFF);
  }

  @Test
  void utf8Length_andBoundNames_matchTheJdkEncoder_forAnyCharsIncludingLoneSurrogates() {
    java.util.Random random = new java.util.Random(20261206);
    char[] pool = {'a', '/', '\u00e9', '\u07ff', '\u0800', '\uffff', '\ud83d', '\ude00', '\ud800'};
    byte[] header = {1, 2, 3, 4, 5};
    for (int i = 0; i < 5_000; i++) {
      StringBuilder topic = new StringBuilder();
      int n = random.nextInt(12);
      for (int j = 0; j < n; j++) {
        topic.append(
            random.nextBoolean()
                ? pool[random.nextInt(pool.length)]
                : (char) random.nextInt(0x10000));
      }
      String t = topic.toString();
      String clientId = random.nextBoolean() ? null : t + "-c";
      byte[] tb = t.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(Bytes.utf8Length(t)).as("%s", HEX.formatHex(tb)).isEqualTo(tb.length);

      java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
      expected.write(header, 0, 3);
      writeLengthPrefixed(expected, tb);
      if (clientId != null) {
        writeLengthPrefixed(expected, clientId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      assertThat(Bytes.withBoundNames(header, 3, t, clientId)).isEqualTo(expected.toByteArray());
    }
  }

  private static void writeLengthPrefixed(java.io.ByteArrayOutputStream out, byte[] value) {
    out.write(value.length >>> 8);
    out.write(value.length & 0xFF);
    out.write(value, 0, value.length);
  }
}

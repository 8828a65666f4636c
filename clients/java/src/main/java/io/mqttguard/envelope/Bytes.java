package io.mqttguard.envelope;

import java.nio.charset.StandardCharsets;

/** Big-endian integers and length-prefixed strings of the wire format. Stateless. */
final class Bytes {
  static final int MAX_STRING = 0xFFFF;

  private Bytes() {}

  static int getInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24)
        | ((b[at + 1] & 0xFF) << 16)
        | ((b[at + 2] & 0xFF) << 8)
        | (b[at + 3] & 0xFF);
  }

  static long getLong(byte[] b, int at) {
    return ((long) getInt(b, at) << 32) | (getInt(b, at + 4) & 0xFFFFFFFFL);
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  static void putLong(byte[] b, int at, long v) {
    putInt(b, at, (int) (v >>> 32));
    putInt(b, at + 4, (int) v);
  }

  /**
   * Writes u16be(len(value)) ‖ value at {@code at}; returns the offset after it.
   *
   * @throws IllegalArgumentException if {@code value} is over 65535 bytes
   */
  static int putLengthPrefixed(byte[] b, int at, byte[] value) {
    if (value.length > MAX_STRING) {
      throw new IllegalArgumentException("value must be at most 65535 bytes");
    }
    b[at] = (byte) (value.length >>> 8);
    b[at + 1] = (byte) value.length;
    System.arraycopy(value, 0, b, at + 2, value.length);
    return at + 2 + value.length;
  }

  /**
   * u16be(len(topic)) ‖ topic ‖ [u16be(len(clientId)) ‖ clientId], UTF-8: the part of the
   * associated data (envelopes) or authenticated message (stamps) after the header.
   */
  static byte[] boundNames(String topic, @org.jspecify.annotations.Nullable String clientId) {
    byte[] t = topic.getBytes(StandardCharsets.UTF_8);
    byte[] c = clientId == null ? null : clientId.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[2 + t.length + (c == null ? 0 : 2 + c.length)];
    int at = putLengthPrefixed(out, 0, t);
    if (c != null) {
      var unused = putLengthPrefixed(out, at, c);
    }
    return out;
  }
}

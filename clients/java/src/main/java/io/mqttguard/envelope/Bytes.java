package io.mqttguard.envelope;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

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
   *
   * @throws IllegalArgumentException if a name is over 65535 UTF-8 bytes
   */
  static byte[] boundNames(String topic, @Nullable String clientId) {
    return withBoundNames(new byte[0], 0, topic, clientId);
  }

  /**
   * {@code prefix[0, prefixLength)} ‖ {@link #boundNames}, built in one array (the associated data
   * of an envelope: its header, then the names).
   *
   * @throws IllegalArgumentException if a name is over 65535 UTF-8 bytes
   */
  static byte[] withBoundNames(
      byte[] prefix, int prefixLength, String topic, @Nullable String clientId) {
    int t = utf8Length(topic);
    int c = clientId == null ? 0 : utf8Length(clientId);
    if (t > MAX_STRING || c > MAX_STRING) {
      throw new IllegalArgumentException("value must be at most 65535 bytes");
    }
    byte[] out = new byte[prefixLength + 2 + t + (clientId == null ? 0 : 2 + c)];
    System.arraycopy(prefix, 0, out, 0, prefixLength);
    int at = putUtf8(out, prefixLength, topic, t);
    if (clientId != null) {
      var unused = putUtf8(out, at, clientId, c);
    }
    return out;
  }

  /**
   * The length of {@code s} in UTF-8 as {@link String#getBytes} encodes it (an unpaired surrogate
   * becomes one {@code '?'}), without encoding it.
   */
  static int utf8Length(String s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      if (ch < 0x80) {
        continue;
      }
      if (ch < 0x800) {
        bytes += 1;
      } else if (Character.isHighSurrogate(ch)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 2; // two chars, four bytes
        i++;
      } else if (!Character.isSurrogate(ch)) {
        bytes += 2;
      }
    }
    return bytes;
  }

  /** Writes u16be(length) ‖ UTF-8 of {@code s} ({@code length} bytes); returns the offset after. */
  private static int putUtf8(byte[] b, int at, String s, int length) {
    b[at] = (byte) (length >>> 8);
    b[at + 1] = (byte) length;
    int n = s.length();
    if (length == n) {
      int i = 0;
      while (i < n && s.charAt(i) < 0x80) {
        b[at + 2 + i] = (byte) s.charAt(i);
        i++;
      }
      if (i == n) {
        return at + 2 + n; // ASCII: no intermediate array
      }
    }
    byte[] encoded = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(encoded, 0, b, at + 2, length);
    return at + 2 + length;
  }
}

package io.mqttguard.payload;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The version 1 AEAD envelope (see {@code docs/payload-envelope.md}):
 *
 * <pre>
 * offset size field
 *  0      1   version   = 0x01
 *  1      1   algorithm   0x01 AES-256-GCM, 0x02 CHACHA20-POLY1305
 *  2      1   flags       bit 0: client ID bound; bits 1-7 zero
 *  3      4   key ID      uint32 big-endian
 *  7      8   timestamp   int64 big-endian, seconds since 1970-01-01T00:00:00Z
 * 15     12   nonce
 * 27      n   ciphertext
 * 27+n   16   tag
 * </pre>
 *
 * Associated data = header (bytes 0..26) ‖ u16be(len(topic)) ‖ topic ‖ [if flag bit 0:
 * u16be(len(clientId)) ‖ clientId], strings in UTF-8. Static helpers only; parsing never throws and
 * never allocates.
 */
final class Envelope {
  static final int VERSION = 0x01;
  static final int HEADER_LENGTH = 27;
  static final int NONCE_OFFSET = 15;
  static final int NONCE_LENGTH = 12;
  static final int TAG_LENGTH = 16;
  static final int MIN_LENGTH = HEADER_LENGTH + TAG_LENGTH;
  static final int FLAG_CLIENT_BOUND = 0x01;

  private Envelope() {}

  /** The first structural problem of {@code p} as an envelope, or {@code null} if none. */
  static @Nullable RefusalReason structureProblem(byte[] p) {
    RefusalReason version = versionProblem(p);
    if (version != null) {
      return version;
    }
    if (p.length < MIN_LENGTH) {
      return RefusalReason.TRUNCATED;
    }
    Algorithm a = Algorithm.fromWire(p[1]);
    if (a == null || a.kind != Algorithm.Kind.AEAD) {
      return RefusalReason.UNKNOWN_ALGORITHM;
    }
    if ((p[2] & ~FLAG_CLIENT_BOUND) != 0) {
      return RefusalReason.MALFORMED_HEADER;
    }
    return null;
  }

  /**
   * Version check shared by envelopes and stamps: {@code 0x01} is fine, {@code 0x02..0x0F} are
   * reserved versions ({@code UNKNOWN_VERSION}); anything else, and the empty payload, is not a
   * protected payload at all ({@code UNPROTECTED}).
   */
  static @Nullable RefusalReason versionProblem(byte[] p) {
    if (p.length == 0) {
      return RefusalReason.UNPROTECTED;
    }
    int v = p[0] & 0xFF;
    if (v == VERSION) {
      return null;
    }
    return v >= 0x02 && v <= 0x0F ? RefusalReason.UNKNOWN_VERSION : RefusalReason.UNPROTECTED;
  }

  /** The algorithm byte of a structurally valid envelope. */
  static Algorithm algorithm(byte[] p) {
    Algorithm a = Algorithm.fromWire(p[1]);
    if (a == null) {
      throw new IllegalStateException("structureProblem() must be checked first");
    }
    return a;
  }

  static boolean clientBound(byte[] p) {
    return (p[2] & FLAG_CLIENT_BOUND) != 0;
  }

  static int keyId(byte[] p) {
    return Bytes.getInt(p, 3);
  }

  static long timestamp(byte[] p) {
    return Bytes.getLong(p, 7);
  }

  /** Writes the 27-byte header into {@code out}. */
  static void writeHeader(
      byte[] out, Algorithm a, boolean clientBound, int keyId, long timestamp, byte[] nonce) {
    out[0] = (byte) VERSION;
    out[1] = (byte) a.wire;
    out[2] = (byte) (clientBound ? FLAG_CLIENT_BOUND : 0);
    Bytes.putInt(out, 3, keyId);
    Bytes.putLong(out, 7, timestamp);
    System.arraycopy(nonce, 0, out, NONCE_OFFSET, NONCE_LENGTH);
  }

  /** The associated data of envelope {@code p} (its header) for {@code topic} and client ID. */
  static byte[] associatedData(byte[] p, String topic, @Nullable String clientId) {
    byte[] t = topic.getBytes(StandardCharsets.UTF_8);
    byte[] c = clientId == null ? null : clientId.getBytes(StandardCharsets.UTF_8);
    int length = HEADER_LENGTH + 2 + t.length + (c == null ? 0 : 2 + c.length);
    byte[] aad = new byte[length];
    System.arraycopy(p, 0, aad, 0, HEADER_LENGTH);
    int at = Bytes.putLengthPrefixed(aad, HEADER_LENGTH, t);
    if (c != null) {
      var unused = Bytes.putLengthPrefixed(aad, at, c);
    }
    return aad;
  }
}

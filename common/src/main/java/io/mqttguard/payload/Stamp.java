package io.mqttguard.payload;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The version 1 integrity stamp, prefixed to a cleartext payload (see {@code
 * docs/payload-envelope.md}):
 *
 * <pre>
 * offset size field
 *  0      1   version   = 0x01
 *  1      1   algorithm   0x10 HMAC-SHA256 (L=32), 0x20 ED25519 (L=64), 0x21 ECDSA-P256 (L=64, r‖s)
 *  2      1   flags       = 0x00
 *  3      4   key ID      uint32 big-endian
 *  7      8   timestamp   int64 big-endian, seconds since the epoch
 * 15      L   tag / signature
 * 15+L    n   payload
 * </pre>
 *
 * Authenticated data = bytes 0..14 ‖ u16be(len(topic)) ‖ topic (UTF-8) ‖ payload. Static helpers.
 */
final class Stamp {
  static final int HEADER_LENGTH = 15;

  private Stamp() {}

  /** The first structural problem of {@code p} as a stamp of {@code kind}, or {@code null}. */
  static @Nullable RefusalReason structureProblem(byte[] p, Algorithm.Kind kind) {
    RefusalReason version = Envelope.versionProblem(p);
    if (version != null) {
      return version;
    }
    if (p.length < HEADER_LENGTH) {
      return RefusalReason.TRUNCATED;
    }
    Algorithm a = Algorithm.fromWire(p[1]);
    if (a == null || a.kind != kind) {
      return RefusalReason.UNKNOWN_ALGORITHM;
    }
    if (p[2] != 0) {
      return RefusalReason.MALFORMED_HEADER;
    }
    return p.length < HEADER_LENGTH + a.length ? RefusalReason.TRUNCATED : null;
  }

  static Algorithm algorithm(byte[] p) {
    Algorithm a = Algorithm.fromWire(p[1]);
    if (a == null) {
      throw new IllegalStateException("structureProblem() must be checked first");
    }
    return a;
  }

  /** Offset of the payload in a structurally valid stamp. */
  static int payloadOffset(byte[] p) {
    return HEADER_LENGTH + algorithm(p).length;
  }

  static boolean verifyHmac(byte[] p, String topic, SecretKeySpec key, Mac mac) {
    try {
      byte[] tag = mac(mac, key, p, topic, p, payloadOffset(p), p.length - payloadOffset(p));
      return MessageDigest.isEqual(
          tag, java.util.Arrays.copyOfRange(p, HEADER_LENGTH, HEADER_LENGTH + tag.length));
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  static boolean verifySignature(byte[] p, String topic, Algorithm a, PublicKey key) {
    try {
      Signature s = Signature.getInstance(a.jcaName);
      s.initVerify(key);
      feed(s, p, topic, p, payloadOffset(p), p.length - payloadOffset(p));
      return s.verify(p, HEADER_LENGTH, a.length);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether structurally valid stamp {@code p} verifies with key {@code k} (of the stamp's
   * algorithm) for {@code topic}: the check of the broker ({@link Verifier}) and of {@link
   * PayloadSealer#openOrVerify}.
   */
  static boolean authentic(byte[] p, String topic, KeyEntry k, JcaCache jca) {
    if (k.algorithm().kind == Algorithm.Kind.MAC) {
      try {
        Mac mac = jca.hmacSha256();
        return verifyHmac(p, topic, k.keyFor(topic, mac), mac);
      } catch (GeneralSecurityException e) {
        return false;
      }
    }
    PublicKey pk = k.publicKey();
    return pk != null && verifySignature(p, topic, k.algorithm(), pk);
  }

  /** header(15) ‖ tag for {@code payload} (HMAC). */
  static byte[] hmacStamp(
      SecretKeySpec key, int keyId, long timestamp, String topic, byte[] payload)
      throws GeneralSecurityException {
    byte[] out = newStamp(Algorithm.HMAC_SHA256, keyId, timestamp, payload);
    Mac mac = Mac.getInstance(Algorithm.HMAC_SHA256.jcaName);
    byte[] tag = mac(mac, key, out, topic, payload, 0, payload.length);
    System.arraycopy(tag, 0, out, HEADER_LENGTH, tag.length);
    return out;
  }

  /** header(15) ‖ signature ‖ payload. */
  static byte[] signatureStamp(
      Algorithm a, PrivateKey key, int keyId, long timestamp, String topic, byte[] payload)
      throws GeneralSecurityException {
    byte[] out = newStamp(a, keyId, timestamp, payload);
    Signature s = Signature.getInstance(a.jcaName);
    s.initSign(key);
    feed(s, out, topic, payload, 0, payload.length);
    byte[] sig = s.sign();
    if (sig.length != a.length) {
      throw new GeneralSecurityException("unexpected signature length");
    }
    System.arraycopy(sig, 0, out, HEADER_LENGTH, sig.length);
    return out;
  }

  private static byte[] newStamp(Algorithm a, int keyId, long timestamp, byte[] payload) {
    byte[] out = new byte[HEADER_LENGTH + a.length + payload.length];
    out[0] = (byte) Envelope.VERSION;
    out[1] = (byte) a.wire;
    Bytes.putInt(out, 3, keyId);
    Bytes.putLong(out, 7, timestamp);
    System.arraycopy(payload, 0, out, HEADER_LENGTH + a.length, payload.length);
    return out;
  }

  private static byte[] mac(
      Mac mac, SecretKeySpec key, byte[] header, String topic, byte[] src, int offset, int length)
      throws GeneralSecurityException {
    mac.init(key);
    mac.update(header, 0, HEADER_LENGTH);
    mac.update(topicPrefix(topic));
    mac.update(src, offset, length);
    return mac.doFinal();
  }

  private static void feed(
      Signature s, byte[] header, String topic, byte[] src, int offset, int length)
      throws GeneralSecurityException {
    s.update(header, 0, HEADER_LENGTH);
    s.update(topicPrefix(topic));
    s.update(src, offset, length);
  }

  private static byte[] topicPrefix(String topic) {
    byte[] t = topic.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[2 + t.length];
    var unused = Bytes.putLengthPrefixed(out, 0, t);
    return out;
  }
}

package io.mqttguard.envelope;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869) on the JDK's HmacSHA256. Stateless and thread-safe. */
final class Hkdf {
  private static final int HASH_LENGTH = 32;

  private Hkdf() {}

  /**
   * @param salt may be empty (then a string of 32 zero bytes, per RFC 5869)
   * @param length at most 255 * 32 bytes
   */
  static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length)
      throws GeneralSecurityException {
    return derive(Mac.getInstance("HmacSHA256"), ikm, salt, info, length);
  }

  /** As above with a caller-provided (reused) HmacSHA256 {@code Mac}. */
  static byte[] derive(Mac mac, byte[] ikm, byte[] salt, byte[] info, int length)
      throws GeneralSecurityException {
    if (length < 1 || length > 255 * HASH_LENGTH) {
      throw new IllegalArgumentException("length must be in 1.." + 255 * HASH_LENGTH);
    }
    mac.init(new SecretKeySpec(salt.length == 0 ? new byte[HASH_LENGTH] : salt, "HmacSHA256"));
    byte[] prk = mac.doFinal(ikm);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    java.util.Arrays.fill(prk, (byte) 0);
    byte[] out = new byte[length];
    byte[] t = new byte[0];
    for (int i = 1, at = 0; at < length; i++) {
      mac.update(t);
      mac.update(info);
      mac.update((byte) i);
      t = mac.doFinal();
      int n = Math.min(t.length, length - at);
      System.arraycopy(t, 0, out, at, n);
      at += n;
    }
    java.util.Arrays.fill(t, (byte) 0);
    return out;
  }
}

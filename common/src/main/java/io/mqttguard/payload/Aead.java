package io.mqttguard.payload;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** AES-256-GCM and ChaCha20-Poly1305 through the JDK's JCA providers. Stateless. */
final class Aead {
  private Aead() {}

  /**
   * Decrypts ciphertext ‖ tag at {@code [offset, offset + length)} of {@code src}.
   *
   * @return the plaintext, or {@code null} if the tag does not verify (or any crypto failure)
   */
  static byte @Nullable [] open(
      Algorithm a,
      SecretKeySpec key,
      byte[] nonceSrc,
      int nonceOffset,
      byte[] aad,
      byte[] src,
      int offset,
      int length) {
    try {
      return open(
          Cipher.getInstance(a.jcaName), a, key, nonceSrc, nonceOffset, aad, src, offset, length);
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  /** As above with a caller-provided (reused) {@code Cipher} of algorithm {@code a}. */
  static byte @Nullable [] open(
      Cipher c,
      Algorithm a,
      SecretKeySpec key,
      byte[] nonceSrc,
      int nonceOffset,
      byte[] aad,
      byte[] src,
      int offset,
      int length) {
    try {
      c.init(Cipher.DECRYPT_MODE, key, params(a, nonceSrc, nonceOffset));
      c.updateAAD(aad);
      return c.doFinal(src, offset, length);
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Encrypts {@code plaintext} into {@code out} at {@code outOffset} (ciphertext ‖ tag).
   *
   * @throws GeneralSecurityException if the JCA provider fails
   */
  static void seal(
      Algorithm a,
      SecretKeySpec key,
      byte[] nonceSrc,
      int nonceOffset,
      byte[] aad,
      byte[] plaintext,
      byte[] out,
      int outOffset)
      throws GeneralSecurityException {
    Cipher c = Cipher.getInstance(a.jcaName);
    c.init(Cipher.ENCRYPT_MODE, key, params(a, nonceSrc, nonceOffset));
    c.updateAAD(aad);
    var unused = c.doFinal(plaintext, 0, plaintext.length, out, outOffset);
  }

  private static AlgorithmParameterSpec params(Algorithm a, byte[] src, int offset) {
    return a == Algorithm.AES_256_GCM
        ? new GCMParameterSpec(Envelope.TAG_LENGTH * 8, src, offset, Envelope.NONCE_LENGTH)
        : new IvParameterSpec(src, offset, Envelope.NONCE_LENGTH);
  }
}

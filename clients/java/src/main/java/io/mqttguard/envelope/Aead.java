package io.mqttguard.envelope;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * AES-256-GCM and ChaCha20-Poly1305 through the JDK's JCA providers. Stateless; callers that reuse
 * a {@code Cipher} keep it per thread ({@link Jca}).
 */
final class Aead {
  private Aead() {}

  /**
   * Decrypts ciphertext ‖ tag at {@code [offset, offset + length)} of {@code src} with a
   * caller-provided (reused) {@code Cipher} of algorithm {@code a}, the nonce at {@code
   * nonceOffset} of {@code nonceSrc}.
   *
   * @return the plaintext, or {@code null} if the tag does not verify (or any crypto failure)
   */
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
      Cipher d = c;
      AlgorithmParameterSpec p = params(a, nonceSrc, nonceOffset);
      try {
        d.init(Cipher.DECRYPT_MODE, key, p);
      } catch (InvalidKeyException e) {
        // The JDK's ChaCha20 refuses any init (even to decrypt) with the key and nonce of the
        // cipher's previous init, e.g. opening what this thread just sealed or a replayed copy:
        // decrypting the same message twice is harmless, so use a fresh cipher for it.
        d = Cipher.getInstance(a.jcaName);
        d.init(Cipher.DECRYPT_MODE, key, p);
      }
      d.updateAAD(aad);
      return d.doFinal(src, offset, length);
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Encrypts {@code plaintext} into {@code out} at {@code outOffset} (ciphertext ‖ tag) with a
   * caller-provided (reused, per-thread) {@code Cipher} of algorithm {@code a}. {@code init} fully
   * resets the cipher. The caller passes a fresh nonce for every message (the JDK also refuses to
   * re-initialise GCM or ChaCha20-Poly1305 encryption with the key and nonce of its previous
   * initialisation).
   */
  static void seal(
      Cipher c,
      Algorithm a,
      SecretKeySpec key,
      byte[] nonceSrc,
      int nonceOffset,
      byte[] aad,
      byte[] plaintext,
      byte[] out,
      int outOffset)
      throws GeneralSecurityException {
    c.init(Cipher.ENCRYPT_MODE, key, params(a, nonceSrc, nonceOffset));
    c.updateAAD(aad);
    var unused = c.doFinal(plaintext, 0, plaintext.length, out, outOffset);
  }

  private static AlgorithmParameterSpec params(Algorithm a, byte[] src, int offset) {
    return a == Algorithm.AES_256_GCM
        ? new GCMParameterSpec(Header.AEAD_TAG_LENGTH * 8, src, offset, Header.NONCE_LENGTH)
        : new IvParameterSpec(src, offset, Header.NONCE_LENGTH);
  }
}

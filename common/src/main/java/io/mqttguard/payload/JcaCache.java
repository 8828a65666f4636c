package io.mqttguard.payload;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * Per-thread reusable JCA objects of one guard or sealer. {@code Cipher.getInstance} (and the AES
 * key expansion of a new {@code Cipher}) costs more than sealing or opening a small payload, and a
 * {@code Cipher} or {@code Mac} is fully reset by {@code init}, so each thread keeps one of each.
 * Encryption with a reused {@code Cipher} is safe because every seal initialises it with a fresh
 * random nonce (the JDK refuses to re-initialise GCM/ChaCha20-Poly1305 encryption with the key and
 * nonce of the previous initialisation, so an accidental reuse fails instead of leaking).
 */
final class JcaCache {
  private static final int AES = 0;
  private static final int CHACHA = 1;
  private static final int HMAC = 2;

  private final ThreadLocal<Object[]> slots = ThreadLocal.withInitial(() -> new Object[3]);

  Cipher cipher(Algorithm a) throws GeneralSecurityException {
    int i = a == Algorithm.AES_256_GCM ? AES : CHACHA;
    Object[] s = slots.get();
    Object c = s[i];
    if (c == null) {
      c = Cipher.getInstance(a.jcaName);
      s[i] = c;
    }
    return (Cipher) c;
  }

  Mac hmacSha256() throws GeneralSecurityException {
    Object[] s = slots.get();
    Object m = s[HMAC];
    if (m == null) {
      m = Mac.getInstance(Algorithm.HMAC_SHA256.jcaName);
      s[HMAC] = m;
    }
    return (Mac) m;
  }
}

package io.mqttguard.envelope;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * Per-thread reusable JCA objects ({@code Cipher} per AEAD algorithm, one HmacSHA256 {@code Mac}),
 * owned by one sealer or opener (no static state). Creating them is the expensive part of a JCA
 * operation; {@code init} resets them fully, so nothing of one message carries over. Thread-safe
 * (each thread has its own).
 */
final class Jca {
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

package io.mqttguard.envelope;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Test helpers: keys from raw bytes, a fixed clock, a random that yields a given nonce first. */
final class TestKeys {
  private TestKeys() {}

  /** 32 bytes (i + seed) mod 256, the K(s) of the docs. */
  static byte[] k(int seed) {
    byte[] k = new byte[32];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (i + seed);
    }
    return k;
  }

  static Clock at(long epochSecond) {
    return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }

  static PrivateKey ed25519(byte[] seed) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519")
        .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
  }

  static PrivateKey p256(byte[] scalar) throws GeneralSecurityException {
    AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
    p.init(new ECGenParameterSpec("secp256r1"));
    ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
    return KeyFactory.getInstance("EC")
        .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), spec));
  }

  /** A SecureRandom whose first {@code nextBytes} yields {@code first}, then real randomness. */
  static SecureRandom firstYields(byte[] first) {
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;
      private boolean used;

      @Override
      public synchronized void nextBytes(byte[] bytes) {
        if (!used && bytes.length == first.length) {
          used = true;
          System.arraycopy(first, 0, bytes, 0, first.length);
        } else {
          super.nextBytes(bytes);
        }
      }
    };
  }
}

package io.mqttguard.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/**
 * PBKDF2-HMAC in one of several encodings (PHC, mosquitto {@code $7$}, HiveMQ file-rbac,
 * mosquitto-go-auth). Salt and digest are never exposed by {@link #toString()}.
 */
@SuppressWarnings("ArrayRecordComponent") // internal; never compared with equals
record Pbkdf2Hash(HashFormat format, Kdf.Prf prf, int iterations, byte[] salt, byte[] hash)
    implements PasswordHash {

  /** OWASP (2023) minimum iterations for PBKDF2-HMAC-SHA256. */
  static final int MIN_ITERATIONS_SHA256 = 600_000;

  /** OWASP (2023) minimum iterations for PBKDF2-HMAC-SHA512. */
  static final int MIN_ITERATIONS_SHA512 = 210_000;

  @Override
  public String parameters() {
    return prf.name().toLowerCase(java.util.Locale.ROOT) + ",i=" + iterations;
  }

  @Override
  public @Nullable String weakness() {
    int min = prf == Kdf.Prf.SHA256 ? MIN_ITERATIONS_SHA256 : MIN_ITERATIONS_SHA512;
    return iterations < min
        ? format
            + " with "
            + iterations
            + " PBKDF2 iterations is below OWASP guidance ("
            + min
            + "); rehash with argon2id"
        : null;
  }

  @Override
  public boolean verify(byte[] password) {
    byte[] derived = Kdf.pbkdf2(prf.newDigest(), password, salt, iterations, hash.length);
    return MessageDigest.isEqual(derived, hash);
  }

  @Override
  public PasswordHash decoy(SecureRandom random) {
    return new Pbkdf2Hash(
        format,
        prf,
        iterations,
        HashParser.randomBytes(random, salt.length),
        HashParser.randomBytes(random, hash.length));
  }

  @Override
  public String toString() {
    return "Pbkdf2Hash[" + format + "," + parameters() + "]";
  }
}

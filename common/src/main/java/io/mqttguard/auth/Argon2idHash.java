package io.mqttguard.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/** PHC argon2id. Salt and digest are never exposed by {@link #toString()}. */
@SuppressWarnings("ArrayRecordComponent") // internal; never compared with equals
record Argon2idHash(
    int version, int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash)
    implements PasswordHash {

  /** OWASP (2023) minimum: m=19 MiB with t=2, or an equivalent m*t product. */
  static final long MIN_MEMORY_TIMES_ITERATIONS = 19_456L * 2;

  @Override
  public HashFormat format() {
    return HashFormat.ARGON2ID;
  }

  @Override
  public String parameters() {
    return "v=" + version + ",m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
  }

  @Override
  public @Nullable String weakness() {
    if ((long) memoryKiB * iterations < MIN_MEMORY_TIMES_ITERATIONS || memoryKiB < 7168) {
      return "argon2id "
          + parameters()
          + " is below OWASP guidance (m=19456 KiB with t=2, or m=47104 with t=1)";
    }
    return null;
  }

  @Override
  public boolean verify(byte[] password) {
    byte[] derived =
        Kdf.argon2id(
            password, salt, null, null, version, memoryKiB, iterations, parallelism, hash.length);
    return MessageDigest.isEqual(derived, hash);
  }

  @Override
  public PasswordHash decoy(SecureRandom random) {
    return new Argon2idHash(
        version,
        memoryKiB,
        iterations,
        parallelism,
        HashParser.randomBytes(random, salt.length),
        HashParser.randomBytes(random, hash.length));
  }

  @Override
  public String toString() {
    return "Argon2idHash[" + parameters() + "]";
  }
}

package io.mqttguard.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jspecify.annotations.Nullable;

/**
 * PHC argon2id, or argon2i read for migration only (always reported weak so that it is re-issued as
 * argon2id). Immutable. Salt and digest are never exposed by {@link #toString()}.
 *
 * @param format {@link HashFormat#ARGON2ID} or {@link HashFormat#ARGON2I}
 */
@SuppressWarnings("ArrayRecordComponent") // internal; never compared with equals
record Argon2Hash(
    HashFormat format,
    int version,
    int memoryKiB,
    int iterations,
    int parallelism,
    byte[] salt,
    byte[] hash)
    implements PasswordHash {

  /** OWASP (2023) minimum: m=19 MiB with t=2, or an equivalent m*t product. */
  static final long MIN_MEMORY_TIMES_ITERATIONS = 19_456L * 2;

  Argon2Hash {
    if (format != HashFormat.ARGON2ID && format != HashFormat.ARGON2I) {
      throw new IllegalArgumentException("not an argon2 format: " + format);
    }
  }

  static Argon2Hash argon2id(
      int version, int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {
    return new Argon2Hash(
        HashFormat.ARGON2ID, version, memoryKiB, iterations, parallelism, salt, hash);
  }

  static Argon2Hash argon2i(
      int version, int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {
    return new Argon2Hash(
        HashFormat.ARGON2I, version, memoryKiB, iterations, parallelism, salt, hash);
  }

  private boolean isArgon2id() {
    return format == HashFormat.ARGON2ID;
  }

  @Override
  public String parameters() {
    return "v=" + version + ",m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
  }

  @Override
  public @Nullable String weakness() {
    if (!isArgon2id()) {
      return "argon2i "
          + parameters()
          + " is read for migration only (argon2id, the variant RFC 9106 recommends, also resists"
          + " GPU and tradeoff attacks); rehash with argon2id";
    }
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
        Kdf.argon2(
            isArgon2id() ? Argon2Parameters.ARGON2_id : Argon2Parameters.ARGON2_i,
            password,
            salt,
            null,
            null,
            version,
            memoryKiB,
            iterations,
            parallelism,
            hash.length);
    return MessageDigest.isEqual(derived, hash);
  }

  @Override
  public PasswordHash decoy(SecureRandom random) {
    return new Argon2Hash(
        format,
        version,
        memoryKiB,
        iterations,
        parallelism,
        HashParser.randomBytes(random, salt.length),
        HashParser.randomBytes(random, hash.length));
  }

  @Override
  public String toString() {
    return (isArgon2id() ? "Argon2idHash[" : "Argon2iHash[") + parameters() + "]";
  }
}

package io.mqttguard.auth;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Creates new password hashes: argon2id PHC strings ({@code $argon2id$v=19$m=...,t=...,p=...$salt$
 * hash}) with a 16-byte random salt and a 32-byte digest. Thread-safe if the {@link SecureRandom}
 * is (the JDK's are).
 */
public final class PasswordHasher {
  /** OWASP (2023) argon2id: m = 19 MiB. */
  public static final int OWASP_MEMORY_KIB = 19_456;

  /** OWASP (2023) argon2id: t = 2. */
  public static final int OWASP_ITERATIONS = 2;

  /** OWASP (2023) argon2id: p = 1. */
  public static final int OWASP_PARALLELISM = 1;

  private final int memoryKiB;
  private final int iterations;
  private final int parallelism;
  private final SecureRandom random;

  private PasswordHasher(int memoryKiB, int iterations, int parallelism, SecureRandom random) {
    if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
      throw new IllegalArgumentException(
          "argon2id needs m >= 8*p KiB, t >= 1 and p >= 1, but was m="
              + memoryKiB
              + ", t="
              + iterations
              + ", p="
              + parallelism);
    }
    this.memoryKiB = memoryKiB;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.random = random;
  }

  /** argon2id with the OWASP parameters m=19456 KiB, t=2, p=1. */
  public static PasswordHasher argon2id(SecureRandom random) {
    return new PasswordHasher(OWASP_MEMORY_KIB, OWASP_ITERATIONS, OWASP_PARALLELISM, random);
  }

  /** argon2id with explicit parameters (hashes below OWASP guidance load with a warning). */
  public static PasswordHasher argon2id(
      int memoryKiB, int iterations, int parallelism, SecureRandom random) {
    return new PasswordHasher(memoryKiB, iterations, parallelism, random);
  }

  /** Hashes {@code password} (the exact bytes clients send, normally UTF-8). */
  public String hash(byte[] password) {
    byte[] salt = HashParser.randomBytes(random, 16);
    byte[] digest =
        Kdf.argon2id(password, salt, null, null, 0x13, memoryKiB, iterations, parallelism, 32);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m="
        + memoryKiB
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(digest);
  }

  /** A decoy at the default cost, for users files without any password hash. */
  static PasswordHash defaultDecoy(SecureRandom random) {
    return Argon2Hash.argon2id(
        0x13,
        OWASP_MEMORY_KIB,
        OWASP_ITERATIONS,
        OWASP_PARALLELISM,
        HashParser.randomBytes(random, 16),
        HashParser.randomBytes(random, 32));
  }
}

package io.mqttguard.auth;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.BCrypt;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jspecify.annotations.Nullable;

/**
 * The raw key-derivation functions, on BouncyCastle's lightweight API (no JCA provider is ever
 * registered). Stateless and thread-safe.
 */
final class Kdf {
  private Kdf() {}

  /** PRFs used with PBKDF2. */
  enum Prf {
    SHA256,
    SHA512;

    Digest newDigest() {
      return this == SHA256 ? new SHA256Digest() : new SHA512Digest();
    }
  }

  static byte[] argon2id(
      byte[] password,
      byte[] salt,
      byte @Nullable [] secret,
      byte @Nullable [] associatedData,
      int version,
      int memoryKiB,
      int iterations,
      int parallelism,
      int outputLength) {
    return argon2(
        Argon2Parameters.ARGON2_id,
        password,
        salt,
        secret,
        associatedData,
        version,
        memoryKiB,
        iterations,
        parallelism,
        outputLength);
  }

  /** Argon2 of {@code type} ({@link Argon2Parameters#ARGON2_id} or {@code ARGON2_i}). */
  static byte[] argon2(
      int type,
      byte[] password,
      byte[] salt,
      byte @Nullable [] secret,
      byte @Nullable [] associatedData,
      int version,
      int memoryKiB,
      int iterations,
      int parallelism,
      int outputLength) {
    Argon2Parameters.Builder b =
        new Argon2Parameters.Builder(type)
            .withVersion(version)
            .withMemoryAsKB(memoryKiB)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt);
    if (secret != null) {
      b.withSecret(secret);
    }
    if (associatedData != null) {
      b.withAdditional(associatedData);
    }
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(b.build());
    byte[] out = new byte[outputLength];
    var unused = gen.generateBytes(password, out);
    return out;
  }

  static byte[] pbkdf2(Digest digest, byte[] password, byte[] salt, int iterations, int length) {
    PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(digest);
    gen.init(password, salt, iterations);
    return ((KeyParameter) gen.generateDerivedParameters(length * 8)).getKey();
  }

  static byte[] scrypt(byte[] password, byte[] salt, int n, int r, int p, int length) {
    return SCrypt.generate(password, salt, n, r, p, length);
  }

  /**
   * bcrypt as OpenBSD defines it: the password bytes plus a terminating NUL, truncated to 72 bytes;
   * returns the 23 digest bytes that the modular-crypt encoding stores.
   */
  static byte[] bcrypt(byte[] password, byte[] salt, int cost) {
    int keyLength = Math.min(password.length + 1, 72);
    byte[] key = new byte[keyLength];
    System.arraycopy(password, 0, key, 0, Math.min(password.length, keyLength));
    byte[] full = BCrypt.generate(key, salt, cost);
    byte[] out = new byte[23];
    System.arraycopy(full, 0, out, 0, 23);
    java.util.Arrays.fill(key, (byte) 0);
    return out;
  }

  /** One round of SHA-512 over password then salt (mosquitto {@code $6$}). */
  static byte[] sha512(byte[] password, byte[] salt) {
    SHA512Digest d = new SHA512Digest();
    d.update(password, 0, password.length);
    d.update(salt, 0, salt.length);
    byte[] out = new byte[d.getDigestSize()];
    var unused = d.doFinal(out, 0);
    return out;
  }
}

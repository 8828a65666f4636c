package io.mqttguard.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * PHC argon2i, read for migration only: always reported weak so that it is re-issued as argon2id.
 * Salt and digest are never exposed by {@link #toString()}.
 */
@SuppressWarnings("ArrayRecordComponent") // internal; never compared with equals
record Argon2iHash(
    int version, int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash)
    implements PasswordHash {

  @Override
  public HashFormat format() {
    return HashFormat.ARGON2I;
  }

  @Override
  public String parameters() {
    return "v=" + version + ",m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
  }

  @Override
  public String weakness() {
    return "argon2i "
        + parameters()
        + " is read for migration only (argon2id, the variant RFC 9106 recommends, also resists"
        + " GPU and tradeoff attacks); rehash with argon2id";
  }

  @Override
  public boolean verify(byte[] password) {
    byte[] derived =
        Kdf.argon2(
            Argon2Parameters.ARGON2_i,
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
    return new Argon2iHash(
        version,
        memoryKiB,
        iterations,
        parallelism,
        HashParser.randomBytes(random, salt.length),
        HashParser.randomBytes(random, hash.length));
  }

  @Override
  public String toString() {
    return "Argon2iHash[" + parameters() + "]";
  }
}

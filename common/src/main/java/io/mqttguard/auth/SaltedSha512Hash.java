package io.mqttguard.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;

/** mosquitto {@code $6$}: SHA-512(password ‖ salt), one round. Migration only. */
@SuppressWarnings("ArrayRecordComponent") // internal; never compared with equals
record SaltedSha512Hash(byte[] salt, byte[] hash) implements PasswordHash {

  @Override
  public HashFormat format() {
    return HashFormat.MOSQUITTO_SHA512;
  }

  @Override
  public String parameters() {
    return "sha512,1 round";
  }

  @Override
  public String weakness() {
    return "mosquitto $6$ is a single salted SHA-512 round (no key stretching); rehash with"
        + " argon2id";
  }

  @Override
  public boolean verify(byte[] password) {
    return MessageDigest.isEqual(Kdf.sha512(password, salt), hash);
  }

  @Override
  public PasswordHash decoy(SecureRandom random) {
    return new SaltedSha512Hash(
        HashParser.randomBytes(random, salt.length), HashParser.randomBytes(random, 64));
  }

  @Override
  public String toString() {
    return "SaltedSha512Hash[" + parameters() + "]";
  }
}

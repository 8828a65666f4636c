package io.mqttguard.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/** bcrypt {@code $2a$/$2b$/$2y$}. Salt and digest are never exposed by {@link #toString()}. */
@SuppressWarnings("ArrayRecordComponent") // internal; never compared with equals
record BcryptHash(String variant, int cost, byte[] salt, byte[] hash) implements PasswordHash {

  /** OWASP minimum work factor. */
  static final int MIN_COST = 10;

  @Override
  public HashFormat format() {
    return HashFormat.BCRYPT;
  }

  @Override
  public String parameters() {
    return "$" + variant + "$ cost=" + cost;
  }

  @Override
  public @Nullable String weakness() {
    return cost < MIN_COST ? "bcrypt cost " + cost + " is below OWASP guidance (10)" : null;
  }

  @Override
  public boolean verify(byte[] password) {
    return MessageDigest.isEqual(Kdf.bcrypt(password, salt, cost), hash);
  }

  @Override
  public PasswordHash decoy(SecureRandom random) {
    return new BcryptHash(
        variant, cost, HashParser.randomBytes(random, 16), HashParser.randomBytes(random, 23));
  }

  @Override
  public String toString() {
    return "BcryptHash[" + parameters() + "]";
  }
}

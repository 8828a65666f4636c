package io.mqttguard.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/** scrypt with N = 2^logN. Salt and digest are never exposed by {@link #toString()}. */
@SuppressWarnings("ArrayRecordComponent") // internal; never compared with equals
record ScryptHash(int logN, int r, int p, byte[] salt, byte[] hash) implements PasswordHash {

  @Override
  public HashFormat format() {
    return HashFormat.SCRYPT;
  }

  @Override
  public String parameters() {
    return "ln=" + logN + ",r=" + r + ",p=" + p;
  }

  @Override
  public @Nullable String weakness() {
    // OWASP: N=2^17, r=8, p=1 (128 MiB); equivalent trade-offs scale with N*r*p.
    long work = (1L << logN) * r * p;
    return work < (1L << 17) * 8
        ? "scrypt " + parameters() + " is below OWASP guidance (N=2^17, r=8, p=1)"
        : null;
  }

  @Override
  public boolean verify(byte[] password) {
    return MessageDigest.isEqual(Kdf.scrypt(password, salt, 1 << logN, r, p, hash.length), hash);
  }

  @Override
  public PasswordHash decoy(SecureRandom random) {
    return new ScryptHash(
        logN,
        r,
        p,
        HashParser.randomBytes(random, salt.length),
        HashParser.randomBytes(random, hash.length));
  }

  @Override
  public String toString() {
    return "ScryptHash[" + parameters() + "]";
  }
}

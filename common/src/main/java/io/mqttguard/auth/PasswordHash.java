package io.mqttguard.auth;

import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/**
 * A stored password hash, parsed once into typed parameters (never re-parsed on CONNECT). Immutable
 * and thread-safe; {@code toString()} shows the format and cost parameters only, never salt or
 * digest.
 *
 * <p>Implementations use the BouncyCastle lightweight API (never a registered JCA provider) and
 * compare digests with {@link java.security.MessageDigest#isEqual}.
 */
public sealed interface PasswordHash
    permits Argon2Hash, BcryptHash, ScryptHash, Pbkdf2Hash, SaltedSha512Hash {

  /** The encoding this hash was read from. */
  HashFormat format();

  /** Cost parameters for reports, e.g. {@code m=65536,t=3,p=1}; never salt or digest. */
  String parameters();

  /**
   * Why these parameters are weaker than current OWASP guidance, or {@code null} if they are not.
   */
  @Nullable String weakness();

  /**
   * Whether {@code password} matches. Expensive by design: call off I/O threads. Constant-time in
   * the comparison of the derived digest.
   */
  boolean verify(byte[] password);

  /**
   * A hash of the same format and cost with random salt and digest, used to make an unknown user
   * cost as much as a wrong password. Matches no password in practice.
   */
  PasswordHash decoy(SecureRandom random);

  /**
   * Parses any supported {@link HashFormat}.
   *
   * @throws InvalidHashException if the string is in no supported format or has out-of-range
   *     parameters; the message names the problem, never the hash
   */
  static PasswordHash parse(String encoded) throws InvalidHashException {
    return HashParser.parse(encoded);
  }
}

package io.mqttguard.cli;

import io.mqttguard.auth.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The hash formats {@code passwd} can issue. argon2id comes from the core's {@link PasswordHasher};
 * the core has no generator for the two legacy formats, so they are produced here with the
 * BouncyCastle lightweight API in the exact encodings the core parses and verifies (the tests check
 * every one through the core's authenticator).
 */
enum HashAlgorithm {
  /** argon2id, m=19456 KiB, t=2, p=1 (OWASP 2023), via the core. */
  ARGON2ID("argon2id"),
  /** bcrypt {@code $2b$}, cost 12; passwords longer than 72 bytes are refused, not truncated. */
  BCRYPT("bcrypt"),
  /** PHC {@code $pbkdf2-sha512$i=210000,l=64$salt$hash} (OWASP 2023 iterations). */
  PBKDF2_SHA512("pbkdf2-sha512");

  static final int BCRYPT_COST = 12;
  static final int PBKDF2_ITERATIONS = 210_000;

  private final String cliName;

  HashAlgorithm(String cliName) {
    this.cliName = cliName;
  }

  @Override
  public String toString() {
    return cliName;
  }

  static HashAlgorithm parse(String name) {
    for (HashAlgorithm a : values()) {
      if (a.cliName.equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "expected argon2id, bcrypt or pbkdf2-sha512, but was '" + name + "'");
  }

  String hash(byte[] password, SecureRandom random) {
    switch (this) {
      case ARGON2ID:
        return PasswordHasher.argon2id(random).hash(password);
      case BCRYPT:
        if (password.length > 72) {
          throw new CliException(
              "bcrypt uses only the first 72 bytes of a password; this one has "
                  + password.length
                  + " bytes (use argon2id)");
        }
        byte[] bsalt = new byte[16];
        random.nextBytes(bsalt);
        return OpenBSDBCrypt.generate("2b", password, bsalt, BCRYPT_COST);
      case PBKDF2_SHA512:
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(new SHA512Digest());
        gen.init(password, salt, PBKDF2_ITERATIONS);
        byte[] digest = ((KeyParameter) gen.generateDerivedMacParameters(512)).getKey();
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$pbkdf2-sha512$i="
            + PBKDF2_ITERATIONS
            + ",l=64$"
            + b64.encodeToString(salt)
            + "$"
            + b64.encodeToString(digest);
    }
    throw new AssertionError(this);
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}

package io.mqttguard.benchmarks;

import io.mqttguard.auth.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Generates stored hashes in every format {@code io.mqttguard.auth} reads, as the original tools
 * write them (encodings per docs/authentication.md), for {@link AuthBenchmark}. Stateless.
 */
final class TestHashes {
  private TestHashes() {}

  /** An encoded hash of {@code password} in the named format (see {@link AuthBenchmark.Hashes}). */
  static String encode(String format, byte[] password, SecureRandom random)
      throws NoSuchAlgorithmException {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return switch (format) {
      case "argon2id" -> PasswordHasher.argon2id(random).hash(password);
      case "bcrypt-10" -> OpenBSDBCrypt.generate("2b", password, salt, 10);
      case "scrypt-17" ->
          "$scrypt$ln=17,r=8,p=1$"
              + phc(salt)
              + "$"
              + phc(SCrypt.generate(password, salt, 1 << 17, 8, 1, 32));
      case "pbkdf2-sha256" ->
          "$pbkdf2-sha256$i=600000,l=32$"
              + phc(salt)
              + "$"
              + phc(pbkdf2(new SHA256Digest(), password, salt, 600_000, 32));
      case "pbkdf2-sha512" ->
          "$pbkdf2-sha512$i=210000$"
              + phc(salt)
              + "$"
              + phc(pbkdf2(new SHA512Digest(), password, salt, 210_000, 64));
      case "mosquitto-7" -> mosquitto7(password, Arrays.copyOf(salt, 12));
      case "mosquitto-6" -> mosquitto6(password, Arrays.copyOf(salt, 12));
      case "file-rbac" -> fileRbac(password, random);
      case "go-auth" ->
          "PBKDF2$sha512$100000$"
              + b64(salt)
              + "$"
              + b64(pbkdf2(new SHA512Digest(), password, salt, 100_000, 64));
      default -> throw new IllegalArgumentException("unknown format " + format);
    };
  }

  /** file-rbac: a 32-character alphanumeric salt string, base64-encoded, 100 iterations. */
  /** mosquitto_passwd 2.0 writes a 12-byte salt, the only length mosquitto 2.0 reads. */
  private static String mosquitto7(byte[] password, byte[] salt) {
    return "$7$101$" + b64(salt) + "$" + b64(pbkdf2(new SHA512Digest(), password, salt, 101, 64));
  }

  private static String mosquitto6(byte[] password, byte[] salt) throws NoSuchAlgorithmException {
    return "$6$" + b64(salt) + "$" + b64(sha512(password, salt));
  }

  private static String fileRbac(byte[] password, SecureRandom random) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder salt = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      salt.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    byte[] saltBytes = salt.toString().getBytes(StandardCharsets.US_ASCII);
    return b64(saltBytes) + ":100:" + b64(pbkdf2(new SHA512Digest(), password, saltBytes, 100, 64));
  }

  private static byte[] pbkdf2(
      Digest digest, byte[] password, byte[] salt, int iterations, int length) {
    PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(digest);
    g.init(password, salt, iterations);
    return ((KeyParameter) g.generateDerivedParameters(length * 8)).getKey();
  }

  private static byte[] sha512(byte[] password, byte[] salt) throws NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-512");
    md.update(password);
    md.update(salt);
    return md.digest();
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static String phc(byte[] b) {
    return Base64.getEncoder().withoutPadding().encodeToString(b);
  }
}

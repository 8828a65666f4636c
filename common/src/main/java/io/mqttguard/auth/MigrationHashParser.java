package io.mqttguard.auth;

import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses the formats read for migration only, exactly as their own software reads them: mosquitto
 * {@code $6$}/{@code $7$} as mosquitto decodes its password file (2.0: 12-byte salt; 2.1 also
 * 64-byte; padded base64; 64-byte digest), argon2i in libargon2's encoding. Stricter than mosquitto
 * only where its tokenizer tolerates malformed lines (empty or extra {@code $} fields, junk after
 * the iteration count). Stateless, thread-safe.
 */
final class MigrationHashParser {
  private static final Pattern ARGON2I =
      Pattern.compile(
          "\\$argon2i\\$(?:v=([0-9]+)\\$)?m=([0-9]+),t=([0-9]+),p=([0-9]+)"
              + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder UNPADDED = Base64.getEncoder().withoutPadding();

  private static final String GLIBC_HINT =
      " (glibc crypt() SHA-512 strings such as '$6$<salt>$<86 characters>' from /etc/shadow or"
          + " mkpasswd share the prefix, but mosquitto does not read them)";

  private MigrationHashParser() {}

  static PasswordHash argon2i(String s) throws InvalidHashException {
    // exactly the reference encoding (libargon2 encode_string), unpadded canonical base64
    Matcher m = ARGON2I.matcher(s);
    if (!m.matches()) {
      throw new InvalidHashException(
          "argon2i hash must look like $argon2i$v=19$m=<KiB>,t=<n>,p=<n>$<salt>$<hash> (PHC:"
              + " parameters in this order, base64 without padding)");
    }
    int version =
        m.group(1) == null ? 0x10 : HashParser.number(m.group(1), "argon2i version", 16, 19);
    if (version != 16 && version != 19) {
      throw new InvalidHashException("argon2i version must be 16 or 19, but was " + version);
    }
    int p = HashParser.number(m.group(4), "argon2i p", 1, 255);
    int memory =
        HashParser.number(m.group(2), "argon2i m (KiB)", 8 * p, HashParser.MAX_ARGON2_MEMORY_KIB);
    int t = HashParser.number(m.group(3), "argon2i t", 1, 1000);
    byte[] salt = unpaddedB64(m.group(5), "argon2i salt");
    byte[] hash = unpaddedB64(m.group(6), "argon2i hash");
    HashParser.lengths(salt, 8, hash, 4, "argon2i");
    return Argon2Hash.argon2i(version, memory, t, p, salt, hash);
  }

  /** PHC base64: standard alphabet, no padding, unused trailing bits zero (as libargon2). */
  private static byte[] unpaddedB64(String text, String what) throws InvalidHashException {
    try {
      byte[] out = Base64.getDecoder().decode(text);
      if (text.length() % 4 != 1 && UNPADDED.encodeToString(out).equals(text)) {
        return out;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new InvalidHashException(what + " is not canonical unpadded base64");
  }

  static PasswordHash mosquittoSha512(String s) throws InvalidHashException {
    // mosquitto: $6$<base64 of a 12- (2.0) or 64-byte (2.1) salt>$<base64 of 64 bytes>
    List<String> f = HashParser.fields(s);
    if (f.size() != 4) {
      throw new InvalidHashException(
          "mosquitto $6$ hash must look like $6$<base64 salt>$<base64 SHA-512>" + GLIBC_HINT);
    }
    byte[] salt = mosquittoSalt(f.get(2), "$6$");
    byte[] hash = mosquittoDigest(f.get(3), "$6$");
    return new SaltedSha512Hash(salt, hash);
  }

  static PasswordHash mosquittoPbkdf2(String s) throws InvalidHashException {
    // mosquitto: $7$<iterations>$<base64 of a 12- or 64-byte salt>$<base64 of 64 bytes>
    List<String> f = HashParser.fields(s);
    if (f.size() != 5) {
      throw new InvalidHashException(
          "mosquitto $7$ hash must look like $7$<iterations>$<base64 salt>$<base64 hash>");
    }
    int iterations =
        HashParser.number(f.get(2), "$7$ iterations", 1, HashParser.MAX_PBKDF2_ITERATIONS);
    byte[] salt = mosquittoSalt(f.get(3), "$7$");
    byte[] hash = mosquittoDigest(f.get(4), "$7$");
    return new Pbkdf2Hash(HashFormat.MOSQUITTO_PBKDF2, Kdf.Prf.SHA512, iterations, salt, hash);
  }

  /**
   * A mosquitto salt: padded standard base64 of exactly 12 bytes (what mosquitto 2.0 writes and the
   * only length it reads) or 64 bytes (mosquitto 2.1); mosquitto refuses every other length.
   */
  private static byte[] mosquittoSalt(String text, String what) throws InvalidHashException {
    byte[] salt = paddedB64(text);
    if (salt == null || (salt.length != 12 && salt.length != 64)) {
      throw new InvalidHashException(
          "mosquitto "
              + what
              + " salt must be the padded base64 of 12 or 64 bytes (16 or 88 characters), as"
              + " mosquitto_passwd writes it"
              + (what.equals("$6$") ? GLIBC_HINT : ""));
    }
    return salt;
  }

  /** A mosquitto digest: padded standard base64 of exactly 64 bytes (88 characters). */
  private static byte[] mosquittoDigest(String text, String what) throws InvalidHashException {
    byte[] hash = paddedB64(text);
    if (hash == null || hash.length != 64) {
      throw new InvalidHashException(
          "mosquitto "
              + what
              + " hash must be the padded base64 of 64 bytes (88 characters ending in '==')");
    }
    return hash;
  }

  /** Standard base64 with mandatory padding (as OpenSSL decodes it for mosquitto), or null. */
  private static byte @Nullable [] paddedB64(String text) {
    if (text.length() % 4 != 0 || !text.matches("[A-Za-z0-9+/]*={0,2}")) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

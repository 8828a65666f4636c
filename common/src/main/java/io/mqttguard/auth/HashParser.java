package io.mqttguard.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Parses stored hash strings into {@link PasswordHash} records. Stateless, thread-safe. */
final class HashParser {
  static final int MAX_PBKDF2_ITERATIONS = 10_000_000;
  static final int MAX_ARGON2_MEMORY_KIB = 1 << 21; // 2 GiB
  static final int MAX_ENCODED_LENGTH = 1024;

  private static final String BCRYPT_ALPHABET =
      "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String STANDARD_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private HashParser() {}

  static PasswordHash parse(String s) throws InvalidHashException {
    if (s.isEmpty() || s.length() > MAX_ENCODED_LENGTH) {
      throw new InvalidHashException(
          "hash must be 1.." + MAX_ENCODED_LENGTH + " characters, but was " + s.length());
    }
    if (s.startsWith("$argon2id$")) {
      return argon2id(s);
    }
    if (s.startsWith("$argon2i$")) {
      return MigrationHashParser.argon2i(s);
    }
    if (s.startsWith("$argon2d$")) {
      throw new InvalidHashException(
          "argon2d is not accepted: its memory accesses depend on the password, which leaks it"
              + " through cache-timing side channels, so it is unfit for password storage;"
              + " set a new password (stored as argon2id)");
    }
    if (s.startsWith("$argon2")) {
      throw new InvalidHashException(
          "unknown argon2 variant; expected $argon2id$ (or $argon2i$, read for migration)");
    }
    if (s.matches("\\$2[aby]\\$.*")) {
      return bcrypt(s);
    }
    if (s.startsWith("$scrypt$")) {
      return scrypt(s);
    }
    if (s.startsWith("$pbkdf2-sha256$") || s.startsWith("$pbkdf2-sha512$")) {
      return phcPbkdf2(s);
    }
    if (s.startsWith("$6$")) {
      return MigrationHashParser.mosquittoSha512(s);
    }
    if (s.startsWith("$7$")) {
      return MigrationHashParser.mosquittoPbkdf2(s);
    }
    if (s.startsWith("PBKDF2$")) {
      return goAuth(s);
    }
    if (s.matches("[A-Za-z0-9+/=]+:[0-9]+:[A-Za-z0-9+/=]+")) {
      return fileRbac(s);
    }
    throw new InvalidHashException(
        "unknown hash format; expected $argon2id$, $argon2i$, $2a$/$2b$/$2y$, $scrypt$,"
            + " $pbkdf2-sha256$, $pbkdf2-sha512$, $6$, $7$, PBKDF2$... or salt:iterations:hash (plaintext"
            + " passwords are not accepted)");
  }

  private static PasswordHash argon2id(String s) throws InvalidHashException {
    // $argon2id$v=19$m=65536,t=3,p=1$salt$hash (v= may be absent for version 16)
    List<String> f = fields(s);
    int i = 2;
    int version = 0x10;
    if (f.size() == 6 && f.get(2).startsWith("v=")) {
      version = number(f.get(2).substring(2), "argon2id version", 16, 19);
      if (version != 16 && version != 19) {
        throw new InvalidHashException("argon2id version must be 16 or 19, but was " + version);
      }
      i = 3;
    } else if (f.size() != 5) {
      throw new InvalidHashException(
          "argon2id hash must look like $argon2id$v=19$m=<KiB>,t=<n>,p=<n>$<salt>$<hash>");
    }
    Map<String, String> p = params(f.get(i), "argon2id", "m", "t", "p");
    int p1 = number(p.get("p"), "argon2id p", 1, 255);
    int m = number(p.get("m"), "argon2id m (KiB)", 8 * p1, MAX_ARGON2_MEMORY_KIB);
    int t = number(p.get("t"), "argon2id t", 1, 1000);
    byte[] salt = b64(f.get(i + 1), "argon2id salt");
    byte[] hash = b64(f.get(i + 2), "argon2id hash");
    lengths(salt, 8, hash, 4, "argon2id");
    return Argon2Hash.argon2id(version, m, t, p1, salt, hash);
  }

  private static PasswordHash bcrypt(String s) throws InvalidHashException {
    // $2b$10$<22 salt chars><31 hash chars>
    if (!s.matches("\\$2[aby]\\$[0-9]{2}\\$[./A-Za-z0-9]{53}")) {
      throw new InvalidHashException(
          "bcrypt hash must look like $2b$<cost 04..31>$<53 characters of ./A-Za-z0-9>");
    }
    int cost = number(s.substring(4, 6), "bcrypt cost", 4, 31);
    byte[] salt = bcryptB64(s.substring(7, 29), 16);
    byte[] hash = bcryptB64(s.substring(29), 23);
    return new BcryptHash(s.substring(1, 3), cost, salt, hash);
  }

  private static PasswordHash scrypt(String s) throws InvalidHashException {
    // $scrypt$ln=16,r=8,p=1$salt$hash
    List<String> f = fields(s);
    if (f.size() != 5) {
      throw new InvalidHashException(
          "scrypt hash must look like $scrypt$ln=<n>,r=<n>,p=<n>$salt$hash");
    }
    Map<String, String> p = params(f.get(2), "scrypt", "ln", "r", "p");
    int ln = number(p.get("ln"), "scrypt ln", 1, 24);
    int r = number(p.get("r"), "scrypt r", 1, 64);
    int par = number(p.get("p"), "scrypt p", 1, 64);
    if (r == 1 && ln >= 16) {
      throw new InvalidHashException("scrypt with r=1 needs ln < 16");
    }
    if ((128L << ln) * r > (1L << 31)) {
      throw new InvalidHashException("scrypt memory 128*r*2^ln must be at most 2 GiB");
    }
    byte[] salt = b64(f.get(3), "scrypt salt");
    byte[] hash = b64(f.get(4), "scrypt hash");
    lengths(salt, 8, hash, 16, "scrypt");
    return new ScryptHash(ln, r, par, salt, hash);
  }

  private static PasswordHash phcPbkdf2(String s) throws InvalidHashException {
    // $pbkdf2-sha256$i=600000[,l=32]$salt$hash  or passlib $pbkdf2-sha256$29000$salt$hash
    List<String> f = fields(s);
    boolean sha256 = s.startsWith("$pbkdf2-sha256$");
    HashFormat format = sha256 ? HashFormat.PBKDF2_SHA256 : HashFormat.PBKDF2_SHA512;
    if (f.size() != 5) {
      throw new InvalidHashException(
          "PBKDF2 hash must look like $pbkdf2-sha256$i=<iterations>$<salt>$<hash>");
    }
    String iter = f.get(2);
    if (!iter.matches("[0-9]+")) {
      iter = params(iter, "PBKDF2", "i").get("i");
    }
    int iterations = number(iter, "PBKDF2 iterations", 1, MAX_PBKDF2_ITERATIONS);
    byte[] salt = b64(f.get(3), "PBKDF2 salt");
    byte[] hash = b64(f.get(4), "PBKDF2 hash");
    lengths(salt, 8, hash, 16, "PBKDF2");
    return new Pbkdf2Hash(format, sha256 ? Kdf.Prf.SHA256 : Kdf.Prf.SHA512, iterations, salt, hash);
  }

  private static PasswordHash goAuth(String s) throws InvalidHashException {
    List<String> f = fields(s);
    if (f.size() != 5 || !(f.get(1).equals("sha512") || f.get(1).equals("sha256"))) {
      throw new InvalidHashException(
          "mosquitto-go-auth hash must look like PBKDF2$sha512$<iterations>$<b64 salt>$<b64 hash>");
    }
    int iterations = number(f.get(2), "PBKDF2 iterations", 1, MAX_PBKDF2_ITERATIONS);
    byte[] salt = b64(f.get(3), "PBKDF2 salt");
    byte[] hash = b64(f.get(4), "PBKDF2 hash");
    lengths(salt, 1, hash, 16, "go-auth PBKDF2");
    Kdf.Prf prf = f.get(1).equals("sha512") ? Kdf.Prf.SHA512 : Kdf.Prf.SHA256;
    return new Pbkdf2Hash(HashFormat.GO_AUTH_PBKDF2, prf, iterations, salt, hash);
  }

  private static PasswordHash fileRbac(String s) throws InvalidHashException {
    List<String> f = List.of(s.split(":", -1));
    int iterations = number(f.get(1), "file-rbac iterations", 1, MAX_PBKDF2_ITERATIONS);
    byte[] salt = b64(f.get(0), "file-rbac salt");
    byte[] hash = b64(f.get(2), "file-rbac hash");
    if (salt.length < 1 || hash.length != 64) {
      throw new InvalidHashException(
          "HiveMQ file-rbac hash must be base64(salt):iterations:base64(64-byte hash)");
    }
    return new Pbkdf2Hash(HashFormat.HIVEMQ_FILE_RBAC, Kdf.Prf.SHA512, iterations, salt, hash);
  }

  /** Splits on {@code $}, keeping empty fields (a leading {@code $} gives an empty first field). */
  static List<String> fields(String s) {
    return List.of(s.split("\\$", -1));
  }

  private static Map<String, String> params(String text, String what, String... names)
      throws InvalidHashException {
    Map<String, String> out = new HashMap<>();
    for (String kv : text.split(",", -1)) {
      int eq = kv.indexOf('=');
      String key = eq < 0 ? kv : kv.substring(0, eq);
      boolean known = List.of(names).contains(key) || (key.equals("l") && what.equals("PBKDF2"));
      if (eq < 0 || !known || out.put(key, kv.substring(eq + 1)) != null) {
        throw new InvalidHashException(
            what + " parameters must be " + String.join(",", names) + " (each once)");
      }
    }
    for (String n : names) {
      if (!out.containsKey(n)) {
        throw new InvalidHashException(what + " parameter " + n + " is missing");
      }
    }
    return out;
  }

  static int number(@Nullable String text, String what, int min, int max)
      throws InvalidHashException {
    if (text == null || !text.matches("[0-9]{1,10}")) {
      throw new InvalidHashException(what + " must be a decimal number");
    }
    long v = Long.parseLong(text);
    if (v < min || v > max) {
      throw new InvalidHashException(what + " must be " + min + ".." + max + ", but was " + v);
    }
    return (int) v;
  }

  /** Standard or PHC/passlib base64, with or without padding ({@code .} read as {@code +}). */
  private static byte[] b64(String text, String what) throws InvalidHashException {
    try {
      return Base64.getDecoder().decode(text.replace('.', '+'));
    } catch (IllegalArgumentException e) {
      throw new InvalidHashException(what + " is not valid base64");
    }
  }

  private static byte[] bcryptB64(String text, int length) throws InvalidHashException {
    StringBuilder std = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      std.append(STANDARD_ALPHABET.charAt(BCRYPT_ALPHABET.indexOf(text.charAt(i))));
    }
    byte[] all;
    try {
      all = Base64.getDecoder().decode(std.toString());
    } catch (IllegalArgumentException e) {
      throw new InvalidHashException("bcrypt salt or hash is not valid bcrypt base64");
    }
    if (all.length < length) {
      throw new InvalidHashException("bcrypt salt or hash is too short");
    }
    return java.util.Arrays.copyOf(all, length);
  }

  static void lengths(byte[] salt, int minSalt, byte[] hash, int minHash, String what)
      throws InvalidHashException {
    if (salt.length < minSalt || salt.length > 1024) {
      throw new InvalidHashException(what + " salt must be " + minSalt + "..1024 bytes");
    }
    if (hash.length < minHash || hash.length > 1024) {
      throw new InvalidHashException(what + " hash must be " + minHash + "..1024 bytes");
    }
  }

  static byte[] randomBytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}

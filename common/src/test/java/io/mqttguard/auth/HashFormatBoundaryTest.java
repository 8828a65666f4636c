package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stored-hash parsing and cost assessment at the exact edges of every accepted range, and the
 * decoys that make unknown users cost as much as known ones.
 */
class HashFormatBoundaryTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

  static String b64(int bytes) {
    return B64.encodeToString(new byte[bytes]);
  }

  static String argon2(String params, int saltBytes, int hashBytes) {
    return "$argon2id$v=19$" + params + "$" + b64(saltBytes) + "$" + b64(hashBytes);
  }

  static String message(String encoded) {
    try {
      var unused = PasswordHash.parse(encoded);
      return "accepted";
    } catch (InvalidHashException e) {
      return String.valueOf(e.getMessage());
    }
  }

  @Test
  void parse_encodedLengthLimit_is1024Characters() {
    assertThat(message("x".repeat(1024))).startsWith("unknown hash format");
    assertThat(message("x".repeat(1025)))
        .isEqualTo("hash must be 1..1024 characters, but was 1025");
    assertThat(message("")).isEqualTo("hash must be 1..1024 characters, but was 0");
  }

  @Test
  void argon2id_memoryMustBeAtLeastEightKibPerLane() {
    assertThat(message(argon2("m=16,t=1,p=2", 16, 32))).isEqualTo("accepted");
    assertThat(message(argon2("m=15,t=1,p=2", 16, 32)))
        .isEqualTo("argon2id m (KiB) must be 16..2097152, but was 15");
    assertThat(message(argon2("m=8,t=1,p=1", 16, 32))).isEqualTo("accepted");
  }

  @Test
  void argon2id_saltAndDigestMinimumLengths_areInclusive() {
    assertThat(message(argon2("m=64,t=1,p=1", 8, 4))).isEqualTo("accepted");
    assertThat(message(argon2("m=64,t=1,p=1", 7, 32)))
        .isEqualTo("argon2id salt must be 8..1024 bytes");
    assertThat(message(argon2("m=64,t=1,p=1", 8, 3)))
        .isEqualTo("argon2id hash must be 4..1024 bytes");
  }

  @Test
  void argon2id_withoutVersionField_isVersion16AndVerifies() throws Exception {
    byte[] salt = "0123456789abcdef".getBytes(UTF_8);
    byte[] digest = Kdf.argon2id("pw".getBytes(UTF_8), salt, null, null, 0x10, 64, 1, 1, 32);
    String encoded =
        "$argon2id$m=64,t=1,p=1$" + B64.encodeToString(salt) + "$" + B64.encodeToString(digest);
    PasswordHash h = PasswordHash.parse(encoded);
    assertThat(h.parameters()).isEqualTo("v=16,m=64,t=1,p=1");
    assertThat(h.verify("pw".getBytes(UTF_8))).isTrue();
    assertThat(h.verify("pX".getBytes(UTF_8))).isFalse();
    assertThat(message("$argon2id$m=64,t=1,p=1$" + b64(16))).startsWith("argon2id hash must look");
  }

  @Test
  void scrypt_memoryLimitOfTwoGibibytes_isInclusive() {
    String salt = "$" + b64(16) + "$" + b64(32);
    assertThat(message("$scrypt$ln=23,r=2,p=1" + salt)).isEqualTo("accepted");
    assertThat(message("$scrypt$ln=24,r=2,p=1" + salt))
        .isEqualTo("scrypt memory 128*r*2^ln must be at most 2 GiB");
    assertThat(message("$scrypt$ln=15,r=1,p=1" + salt)).isEqualTo("accepted");
    assertThat(message("$scrypt$ln=16,r=1,p=1" + salt)).isEqualTo("scrypt with r=1 needs ln < 16");
  }

  @Test
  void mosquittoSha512_saltOf12Or64Bytes_isAcceptedAndVerifies() throws Exception {
    Base64.Encoder std = Base64.getEncoder();
    for (int n : new int[] {12, 64}) {
      byte[] salt = new byte[n];
      RANDOM.nextBytes(salt);
      byte[] digest = Kdf.sha512("pw".getBytes(UTF_8), salt);
      PasswordHash h =
          PasswordHash.parse("$6$" + std.encodeToString(salt) + "$" + std.encodeToString(digest));
      assertThat(h.verify("pw".getBytes(UTF_8))).isTrue();
      assertThat(h.verify("pw ".getBytes(UTF_8))).isFalse();
      assertThat(h.format()).isEqualTo(HashFormat.MOSQUITTO_SHA512);
    }
  }

  @Test
  void fileRbac_oneByteSalt_isAcceptedAndVerifies() throws Exception {
    byte[] salt = {7};
    byte[] digest = Kdf.pbkdf2(Kdf.Prf.SHA512.newDigest(), "pw".getBytes(UTF_8), salt, 3, 64);
    Base64.Encoder std = Base64.getEncoder();
    PasswordHash h =
        PasswordHash.parse(std.encodeToString(salt) + ":3:" + std.encodeToString(digest));
    assertThat(h.format()).isEqualTo(HashFormat.HIVEMQ_FILE_RBAC);
    assertThat(h.verify("pw".getBytes(UTF_8))).isTrue();
    assertThat(h.verify("pW".getBytes(UTF_8))).isFalse();
  }

  @ParameterizedTest(name = "argon2id m={0},t={1} weak: {2}")
  @CsvSource({
    "19456, 2, false",
    "19455, 2, true",
    "38912, 1, false",
    "38911, 1, true",
    "7168, 6, false",
    "7167, 6, true",
  })
  void argon2id_weakness_followsOwaspAtTheExactBoundary(int m, int t, boolean weak) {
    var h = Argon2Hash.argon2id(0x13, m, t, 1, new byte[16], new byte[32]);
    if (weak) {
      assertThat(h.weakness())
          .isEqualTo(
              "argon2id v=19,m="
                  + m
                  + ",t="
                  + t
                  + ",p=1 is below OWASP guidance (m=19456 KiB with t=2, or m=47104 with t=1)");
    } else {
      assertThat(h.weakness()).isNull();
    }
  }

  @Test
  void bcrypt_weakness_costTenIsEnough_nineIsNot() {
    assertThat(new BcryptHash("2b", 10, new byte[16], new byte[23]).weakness()).isNull();
    assertThat(new BcryptHash("2b", 9, new byte[16], new byte[23]).weakness())
        .isEqualTo("bcrypt cost 9 is below OWASP guidance (10)");
    assertThat(new BcryptHash("2y", 12, new byte[16], new byte[23]).parameters())
        .isEqualTo("$2y$ cost=12");
  }

  @ParameterizedTest(name = "{0} i={1} weak: {2}")
  @CsvSource({
    "SHA256, 600000, false",
    "SHA256, 599999, true",
    "SHA512, 210000, false",
    "SHA512, 209999, true",
    "SHA512, 300000, false",
  })
  void pbkdf2_weakness_usesThePerPrfMinimum(Kdf.Prf prf, int iterations, boolean weak) {
    var h = new Pbkdf2Hash(HashFormat.PBKDF2_SHA512, prf, iterations, new byte[16], new byte[32]);
    if (weak) {
      assertThat(h.weakness())
          .isEqualTo(
              "PBKDF2_SHA512 with "
                  + iterations
                  + " PBKDF2 iterations is below OWASP guidance ("
                  + (prf == Kdf.Prf.SHA256 ? 600000 : 210000)
                  + "); rehash with argon2id");
    } else {
      assertThat(h.weakness()).isNull();
    }
    assertThat(h.parameters())
        .isEqualTo(prf.name().toLowerCase(java.util.Locale.ROOT) + ",i=" + iterations);
  }

  @ParameterizedTest(name = "scrypt ln={0},r={1},p={2} weak: {3}")
  @CsvSource({
    "17, 8, 1, false",
    "16, 8, 1, true",
    "16, 8, 2, false",
    "16, 16, 1, false",
    "15, 8, 3, true",
  })
  void scrypt_weakness_scalesWithNTimesRTimesP(int ln, int r, int p, boolean weak) {
    var h = new ScryptHash(ln, r, p, new byte[16], new byte[32]);
    assertThat(h.weakness() != null).isEqualTo(weak);
    if (weak) {
      assertThat(h.weakness()).startsWith("scrypt ln=" + ln + ",r=" + r + ",p=" + p + " is below");
    }
  }

  @Test
  void mosquittoSha512_isAlwaysReportedWeak() {
    var h = new SaltedSha512Hash(new byte[12], new byte[64]);
    assertThat(h.weakness()).contains("no key stretching");
    assertThat(h.parameters()).isEqualTo("sha512,1 round");
    assertThat(h.toString()).isEqualTo("SaltedSha512Hash[sha512,1 round]");
  }

  @Test
  void decoys_keepFormatAndCost_neverVerifyTheRealPassword() throws Exception {
    byte[] pw = "pw".getBytes(UTF_8);
    Base64.Encoder std = Base64.getEncoder();
    byte[] salt = "saltsaltsalt".getBytes(UTF_8); // mosquitto reads 12-byte salts
    PasswordHash[] real = {
      PasswordHash.parse(
          "$6$" + std.encodeToString(salt) + "$" + std.encodeToString(Kdf.sha512(pw, salt))),
      PasswordHash.parse(
          "$pbkdf2-sha256$i=3$"
              + B64.encodeToString(salt)
              + "$"
              + B64.encodeToString(Kdf.pbkdf2(Kdf.Prf.SHA256.newDigest(), pw, salt, 3, 32))),
      PasswordHash.parse(
          "$scrypt$ln=4,r=8,p=1$"
              + B64.encodeToString(salt)
              + "$"
              + B64.encodeToString(Kdf.scrypt(pw, salt, 16, 8, 1, 32))),
      PasswordHash.parse("$2a$04$" + "a".repeat(53)),
    };
    for (PasswordHash h : real) {
      PasswordHash decoy = h.decoy(RANDOM);
      assertThat(decoy).as(h.toString()).isNotNull();
      assertThat(decoy.format()).isEqualTo(h.format());
      assertThat(decoy.parameters()).isEqualTo(h.parameters());
      assertThat(decoy.verify(pw)).isFalse();
      assertThat(decoy.toString()).isEqualTo(h.toString());
    }
    assertThat(real[0].verify(pw)).isTrue();
    assertThat(real[1].verify(pw)).isTrue();
    assertThat(real[2].verify(pw)).isTrue();
  }

  @Test
  void toString_namesTypeAndCostOnly() throws Exception {
    assertThat(new BcryptHash("2b", 10, new byte[16], new byte[23]).toString())
        .isEqualTo("BcryptHash[$2b$ cost=10]");
    assertThat(new ScryptHash(17, 8, 1, new byte[16], new byte[32]).toString())
        .isEqualTo("ScryptHash[ln=17,r=8,p=1]");
    assertThat(
            new Pbkdf2Hash(
                    HashFormat.MOSQUITTO_PBKDF2, Kdf.Prf.SHA512, 101, new byte[12], new byte[64])
                .toString())
        .isEqualTo("Pbkdf2Hash[MOSQUITTO_PBKDF2,sha512,i=101]");
  }

  @Test
  void hasher_parameterChecks_needEightKibPerLane() {
    assertThat(PasswordHasher.argon2id(16, 1, 2, RANDOM).hash(new byte[0]))
        .startsWith("$argon2id$v=19$m=16,t=1,p=2$");
    assertThatThrownBy(() -> PasswordHasher.argon2id(15, 1, 2, RANDOM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("argon2id needs m >= 8*p KiB, t >= 1 and p >= 1, but was m=15, t=1, p=2");
    assertThatThrownBy(() -> PasswordHasher.argon2id(64, 0, 1, RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHasher.argon2id(64, 1, 0, RANDOM))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultDecoy_isOwaspArgon2id() {
    PasswordHash d = PasswordHasher.defaultDecoy(RANDOM);
    assertThat(d.format()).isEqualTo(HashFormat.ARGON2ID);
    assertThat(d.parameters()).isEqualTo("v=19,m=19456,t=2,p=1");
    assertThat(d.weakness()).isNull();
  }
}

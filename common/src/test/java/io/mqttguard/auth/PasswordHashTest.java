package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashTest {
  private static final HexFormat HEX = HexFormat.of();

  record Vector(HashFormat format, String password, String hash, String source) {
    @Override
    public String toString() {
      return format + " from " + source;
    }
  }

  static List<Vector> vectors() throws IOException {
    List<Vector> out = new ArrayList<>();
    try (InputStream in =
            Objects.requireNonNull(
                PasswordHashTest.class.getResourceAsStream("hash-vectors.tsv"), "vectors");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        out.add(new Vector(HashFormat.valueOf(f[0]), f[1], f[2], f[3]));
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void verify_knownAnswerVector_matchesOnlyTheRightPassword(Vector v) throws Exception {
    PasswordHash h = PasswordHash.parse(v.hash());
    assertThat(h.format()).isEqualTo(v.format());
    assertThat(h.verify(v.password().getBytes(UTF_8))).isTrue();
    assertThat(h.verify((v.password() + "x").getBytes(UTF_8))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2a", "2b", "2y"})
  void bcrypt_allVariantPrefixes_verifyTheSameDigest(String variant) throws Exception {
    String ref = "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i";
    PasswordHash h = PasswordHash.parse("$" + variant + ref.substring(3));
    assertThat(h.verify("abc".getBytes(UTF_8))).isTrue();
    assertThat(h.verify("abd".getBytes(UTF_8))).isFalse();
  }

  @Test
  void argon2id_rfc9106Vector_matches() {
    byte[] out =
        Kdf.argon2id(
            fill(32, 0x01), fill(16, 0x02), fill(8, 0x03), fill(12, 0x04), 0x13, 32, 3, 4, 32);
    assertThat(HEX.formatHex(out))
        .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
  }

  @Test
  void pbkdf2_rfc6070Sha1Vectors_match() {
    byte[] pw = "password".getBytes(UTF_8);
    byte[] salt = "salt".getBytes(UTF_8);
    assertThat(HEX.formatHex(Kdf.pbkdf2(new SHA1Digest(), pw, salt, 1, 20)))
        .isEqualTo("0c60c80f961f0e71f3a9b524af6012062fe037a6");
    assertThat(HEX.formatHex(Kdf.pbkdf2(new SHA1Digest(), pw, salt, 2, 20)))
        .isEqualTo("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
    assertThat(HEX.formatHex(Kdf.pbkdf2(new SHA1Digest(), pw, salt, 4096, 20)))
        .isEqualTo("4b007901b765489abead49d926f721d065a429c1");
  }

  @Test
  void pbkdf2Sha256_rfc7914Vectors_match() {
    assertThat(
            HEX.formatHex(
                Kdf.pbkdf2(
                    new SHA256Digest(), "passwd".getBytes(UTF_8), "salt".getBytes(UTF_8), 1, 64)))
        .isEqualTo(
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
    assertThat(
            HEX.formatHex(
                Kdf.pbkdf2(
                    new SHA256Digest(),
                    "Password".getBytes(UTF_8),
                    "NaCl".getBytes(UTF_8),
                    80000,
                    64)))
        .isEqualTo(
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
  }

  @Test
  void scrypt_rfc7914Vectors_match() {
    assertThat(HEX.formatHex(Kdf.scrypt(new byte[0], new byte[0], 16, 1, 1, 64)))
        .isEqualTo(
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
    assertThat(
            HEX.formatHex(
                Kdf.scrypt("password".getBytes(UTF_8), "NaCl".getBytes(UTF_8), 1024, 8, 16, 64)))
        .isEqualTo(
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plaintext-password",
        "$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$lV5dWxY6G2C7o1/DbQSWR0+6T2tZrVNihmbwf7L5Pq8",
        "$argon2id$v=19$m=65536,t=2$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=18$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8",
        "$argon2id$v=19$m=65536,t=2,p=1$!!!$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$2b$03$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i",
        "$2b$10$tooShort",
        "$7$0$vVgynrO8HnGkBmnG$FJxeWV8gmD95Z1O+OO86iM5IJVtyoheQin+iLUkFThEXGZSn8xjh63nawvo4lY3M",
        "$7$101$vVgynrO8HnGkBmnG",
        "$6$MSOA3ZkrS90LJyEq$c2hvcnQ=",
        "$pbkdf2-sha256$i=abc$MDEyMzQ1Njc4OWFiY2RlZg$TYxmV9MYdRK86IxHWHf9jHXfVQYRkrSaUg0s6a2GBhc",
        "$scrypt$ln=40,r=8,p=1$MDEyMzQ1Njc4OWFiY2RlZg$qJL0nyO+nRXVliT5bpyeGxa5WA2x18WUz/p5hy36LoE",
        "$scrypt$ln=16,r=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$qJL0nyO+nRXVliT5bpyeGxa5WA2x18WUz/p5hy36LoE",
        "PBKDF2$md5$1000$AAECAwQFBgcICQoLDA0ODw==$HFmMUQ5Q6Z0ISA4z+FMeALCY/869ab8uYxtFFLYiaHs=",
        "c2FsdA==:100:c2hvcnQ=",
        // salts or digests below the minimum length of their format
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFh",
        "$pbkdf2-sha256$i=1000$MDEyMzQ1Njc4OWFiY2RlZg$TYxmV9MYdRK86Ix",
        "$scrypt$ln=10,r=8,p=1$MDEyMzQ1Njc4OWFiY2RlZg$qJL0nyO+nRXVliT5",
        "$7$101$vVgynrO8HnGkBmnG$FJxeWV8gmD95Z1O+",
        "PBKDF2$sha512$1000$AAECAwQFBgcICQoLDA0ODw==$HFmMUQ5Q6Z0ISA4z",
        "$6$$7IiCfgKz7muvXxm00ln3FcQU3MJM6+uwXZwkOCKZNKLvgj2QWjZqIPE/MCMcxteylFjua1XYdgvZL4F/9R85gg==",
        ":100:/vcnaxBwQKCnE7y+yf0+GRzGFTJJ4kWj4aIgh9vmFgYLv8hBHGNj88EKtdAqVsOOIGak4gWwyo+Vn9cx5fpYSw=="
      })
  void parse_malformedOrUnsupported_isRejectedWithoutEchoingTheHash(String encoded) {
    assertThatThrownBy(() -> PasswordHash.parse(encoded))
        .isInstanceOf(InvalidHashException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(encoded));
  }

  @Test
  void weakness_reportsMigrationFormatsWithLowCost() throws Exception {
    assertThat(PasswordHash.parse(vectors().get(0).hash()).weakness())
        .contains("101 PBKDF2 iterations");
    assertThat(PasswordHash.parse("c2FsdA==:100:" + rbacDigest()).weakness()).contains("100");
    assertThat(
            PasswordHash.parse("$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i")
                .weakness())
        .contains("cost 6");
    assertThat(
            PasswordHash.parse(
                    "$scrypt$ln=10,r=8,p=1$MDEyMzQ1Njc4OWFiY2RlZg$qJL0nyO+nRXVliT5bpyeGxa5WA2x18WUz/p5hy36LoE")
                .weakness())
        .contains("ln=10");
    assertThat(
            PasswordHash.parse(
                    "$scrypt$ln=17,r=8,p=1$MDEyMzQ1Njc4OWFiY2RlZg$qJL0nyO+nRXVliT5bpyeGxa5WA2x18WUz/p5hy36LoE")
                .weakness())
        .isNull();
    String strong = PasswordHasher.argon2id(new SecureRandom()).hash(new byte[0]);
    assertThat(PasswordHash.parse(strong).weakness()).isNull();
  }

  @Test
  void toString_showsParametersButNeverSaltOrDigest() throws Exception {
    String encoded =
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    assertThat(PasswordHash.parse(encoded).toString())
        .contains("m=65536")
        .doesNotContain("c29tZXNhbHQ")
        .doesNotContain("CTFhFd");
  }

  @Test
  void hasher_producesArgon2idThatVerifies_andDecoyOfSameCostNeverMatches() throws Exception {
    SecureRandom random = new SecureRandom();
    String encoded = PasswordHasher.argon2id(64, 1, 1, random).hash("pw".getBytes(UTF_8));
    assertThat(encoded).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
    PasswordHash h = PasswordHash.parse(encoded);
    assertThat(h.verify("pw".getBytes(UTF_8))).isTrue();
    assertThat(h.verify("pW".getBytes(UTF_8))).isFalse();
    PasswordHash decoy = h.decoy(random);
    assertThat(decoy.parameters()).isEqualTo(h.parameters());
    assertThat(decoy.verify("pw".getBytes(UTF_8))).isFalse();
  }

  @Test
  void hasher_defaultsAreOwasp() {
    String encoded = PasswordHasher.argon2id(new SecureRandom()).hash(new byte[] {1});
    assertThat(encoded).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
  }

  private static String rbacDigest() {
    return java.util.Base64.getEncoder().encodeToString(new byte[64]);
  }

  private static byte[] fill(int n, int value) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  @Test
  void bouncyCastle_isNeverRegisteredAsAJcaProvider() throws Exception {
    for (Vector v : vectors()) {
      var unused = PasswordHash.parse(v.hash()).verify(new byte[] {1});
    }
    var unused = PasswordHasher.argon2id(64, 1, 1, new SecureRandom()).hash(new byte[] {1});
    assertThat(java.security.Security.getProvider("BC")).isNull();
  }
}

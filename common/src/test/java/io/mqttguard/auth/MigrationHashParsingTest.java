package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.config.ConfigException;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migration formats are read exactly as their own software reads them: mosquitto {@code $6$}/{@code
 * $7$} as mosquitto 2.0/2.1 decode them (checked against mosquitto 2.0.11), argon2i as libargon2
 * encodes it. Anything else is a load error that names the user.
 */
class MigrationHashParsingTest {
  /** A glibc crypt() SHA-512 string (issue 15, item 14): its salt is not base64 of 12 bytes. */
  static final String GLIBC =
      "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOf"
          + "aS35inz1";

  static final Base64.Encoder STD = Base64.getEncoder();
  static final byte[] SALT12 = "0123456789ab".getBytes(UTF_8);
  static final String SALT = STD.encodeToString(SALT12);
  static final String DIGEST = STD.encodeToString(Kdf.sha512("pw".getBytes(UTF_8), SALT12));

  static String message(String encoded) {
    try {
      var unused = PasswordHash.parse(encoded);
      return "accepted";
    } catch (InvalidHashException e) {
      return String.valueOf(e.getMessage());
    }
  }

  @Test
  void mosquittoSha512_canonicalLine_isAccepted() {
    assertThat(message("$6$" + SALT + "$" + DIGEST)).isEqualTo("accepted");
  }

  @Test
  void glibcCryptSha512_isRejected_namingTheSaltRuleAndGlibc() {
    assertThat(message(GLIBC))
        .startsWith("mosquitto $6$ salt must be the padded base64 of 12 or 64 bytes")
        .contains("glibc crypt()");
    assertThat(message("$6$rounds=5000$saltstring$" + GLIBC.substring(14)))
        .contains("must look like $6$<base64 salt>$<base64 SHA-512>");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 11, 13, 16, 63, 65})
  void mosquittoSaltOfAnyOtherLength_isRejected_asMosquittoDoes(int n) {
    String salt = STD.encodeToString(new byte[n]);
    assertThat(message("$6$" + salt + "$" + DIGEST)).contains("salt must be the padded base64");
    assertThat(message("$7$101$" + salt + "$" + DIGEST)).contains("salt must be the padded base64");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "unpadded digest|$6$SALT$" + "DIGEST-UNPADDED",
        "63-byte digest|$6$SALT$SHORT",
        "url-safe alphabet|$6$SALT$URLSAFE",
        "passlib '.' alphabet|$6$SALT$DOTTED",
        "space inside|$6$SALT$SPACED",
        "empty salt|$6$$DIGEST",
        "extra field|$6$SALT$DIGEST$x",
        "doubled separator|$6$$SALT$DIGEST",
        "trailing separator|$6$SALT$DIGEST$",
        "$7$ unpadded digest|$7$101$SALT$DIGEST-UNPADDED",
        "$7$ iterations with junk|$7$101x$SALT$DIGEST",
        "$7$ signed iterations|$7$+101$SALT$DIGEST",
        "$7$ zero iterations|$7$0$SALT$DIGEST",
      })
  void malformedMosquittoHash_isRejected(String testCase) {
    String digest = DIGEST.replace('+', '-').replace('/', '_');
    String encoded =
        testCase
            .substring(testCase.indexOf('|') + 1)
            .replace("SALT", SALT)
            .replace("DIGEST-UNPADDED", DIGEST.replace("=", ""))
            .replace("SHORT", STD.encodeToString(new byte[63]))
            .replace("URLSAFE", digest.equals(DIGEST) ? "-" + DIGEST.substring(1) : digest)
            .replace("DOTTED", "." + DIGEST.substring(1))
            .replace("SPACED", DIGEST.substring(0, 20) + " " + DIGEST.substring(20))
            .replace("DIGEST", DIGEST);
    assertThat(message(encoded)).as(testCase).isNotEqualTo("accepted").doesNotContain(DIGEST);
  }

  @Test
  void malformedHash_isALoadErrorNamingTheUser() {
    String json = "{\"users\": {\"frank\": {\"password\": \"" + GLIBC + "\"}}}";
    assertThatThrownBy(() -> UsersConfig.parse("users.json", json.getBytes(UTF_8), Set.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("users.json: /users/frank/password: user 'frank': mosquitto $6$ salt")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(GLIBC.substring(14)));
  }

  @Test
  void argon2i_isVerifiedForMigration_andAlwaysReportedWeak() throws Exception {
    String ref = // argon2 CLI: printf password | argon2 somesalt -i -t 2 -m 16 -p 1 -e
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA";
    PasswordHash h = PasswordHash.parse(ref);
    assertThat(h.format()).isEqualTo(HashFormat.ARGON2I);
    assertThat(h.weakness())
        .startsWith("argon2i v=19,m=65536,t=2,p=1")
        .endsWith("rehash with argon2id");
    assertThat(h.toString()).isEqualTo("Argon2iHash[v=19,m=65536,t=2,p=1]");
    assertThat(h.decoy(HashFormatBoundaryTest.RANDOM).format()).isEqualTo(HashFormat.ARGON2I);
    // the same parameters, salt and digest under the argon2id prefix do not verify
    assertThat(
            PasswordHash.parse("$argon2id" + ref.substring(8)).verify("password".getBytes(UTF_8)))
        .isFalse();
  }

  @Test
  void argon2i_weakWarning_isALoadWarningNamingTheUser() throws Exception {
    String json =
        "{\"users\": {\"gina\": {\"password\":"
            + " \"$argon2i$v=19$m=1024,t=1,p=1$bW9zcXVpdHRvLXNhbHQ$3+Iq//hrJMiTMSPq0KQ2AbN9s5xbZIHx8L+aSB3OK5U\"}}}";
    UsersConfig c = UsersConfig.parse("users.json", json.getBytes(UTF_8), Set.of());
    assertThat(c.warnings().toString())
        .contains("/users/gina/password: user 'gina': weak password hash: argon2i")
        .contains("rehash with argon2id");
  }

  @Test
  void argon2d_isRefusedWithTheReason() {
    assertThat(
            message(
                "$argon2d$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$lV5dWxY6G2C7o1/DbQSWR0+6T2tZrVNihmbwf7L5Pq8"))
        .startsWith("argon2d is not accepted: its memory accesses depend on the password")
        .contains("side channels");
    assertThat(message("$argon2x$v=19$m=64,t=1,p=1$c29tZXNhbHQ$c29tZXNhbHQ"))
        .startsWith("unknown argon2 variant");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA=",
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ=$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHR$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj.qf+YFY4NeBbtA",
        "$argon2i$v=19$t=2,m=65536,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
        "$argon2i$v=19$m=65536,t=2$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
        "$argon2i$v=19$m=65536,t=2,p=1,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
        "$argon2i$v=18$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
        "$argon2i$v=19$m=7,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
        "$argon2i$v=19$m=65536,t=0,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
        "$argon2i$v=19$m=65536,t=2,p=0$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
        "$argon2i$v=19$m=99999999999,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKI",
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$",
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ",
        "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA$",
        "$argon2i$v=19$m=065536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA x",
        "$argon2i$$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA",
      })
  void malformedArgon2i_isRejectedWithoutEchoingIt(String encoded) {
    assertThat(message(encoded)).isNotEqualTo("accepted").doesNotContain(encoded);
  }
}

package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mqttguard.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Fuzz targets for the authentication loaders (issue 8: "users JSON loader", and guard.json's
 * listener/lockout/revocation sections): any bytes give a configuration or a {@link
 * ConfigException} with at least one problem naming the file, never another exception or a hang. A
 * loaded users file never holds a user whose password hash fails to parse (malformed input never
 * turns into a login that some password could pass).
 */
class AuthLoaderFuzzTest {
  static final Set<String> ROLES = Set.of("r", "s");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
  static final Path EMPTY_DIR = emptyDir();

  private static Path emptyDir() {
    try {
      Path d = Files.createTempDirectory("auth-loader-fuzz");
      d.toFile().deleteOnExit();
      return d;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void usersJson_anyBytes_throwsOnlyConfigException(byte[] input) {
    try {
      UsersConfig users = UsersConfig.parse("users.json", input, ROLES);
      assertThat(users.usernames()).allSatisfy(u -> assertThat(u).isNotEmpty());
      assertThat(users.toString()).doesNotContain("$argon2", "$2b$", "$7$");
    } catch (ConfigException e) {
      assertThat(e.problems())
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.file()).contains("users.json"));
    }
  }

  @FuzzTest(maxDuration = "10s")
  void guardJson_anyBytes_throwsOnlyConfigException(byte[] input) {
    String text = new String(input, ISO_8859_1);
    if (text.contains("crlFiles") && (text.contains("/") || text.contains("\\"))) {
      // CRL paths are operator-trusted file names: keep the fuzzer away from /dev/zero and such.
      return;
    }
    try {
      AuthSettings s = AuthSettings.parse("guard.json", input, EMPTY_DIR, ROLES, CLOCK);
      assertThat(s.crlCount()).isZero(); // the directory is empty: no CRL can have loaded
    } catch (ConfigException e) {
      assertThat(e.problems())
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.file()).contains("guard.json"));
    }
  }
}

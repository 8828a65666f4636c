package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * Fuzz targets for the authentication input surface. Properties: hash parsing throws only {@link
 * InvalidHashException} (whose message never echoes the input); {@link Authenticator#authenticate}
 * never throws and its future always completes normally, whatever the client sends.
 */
class AuthFuzzTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Authenticator AUTH = authenticator();

  private static Authenticator authenticator() {
    try {
      String hash = PasswordHasher.argon2id(8, 1, 1, new SecureRandom()).hash("pw".getBytes(UTF_8));
      String users =
          "{\"users\": {\"u\": {\"password\": \""
              + hash
              + "\", \"clientIds\": [\"${user.name}-*\"]}}}";
      return Authenticator.create(
          new AuthConfig(
              UsersConfig.parse("users.json", users.getBytes(UTF_8), Set.of()),
              AuthSettings.parse(
                  "guard.json",
                  "{\"defaultListener\": {\"requireTlsForPassword\": false, \"allowAnonymous\": true}}"
                      .getBytes(UTF_8),
                  Path.of("."),
                  Set.of(),
                  CLOCK)),
          Runnable::run,
          e -> {},
          CLOCK,
          new SecureRandom());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void parseHash_anyString_throwsOnlyInvalidHash_andNeverEchoesInput(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    String marked = s + "\u2603secret-tail\u2603";
    for (String input : List.of(s, marked)) {
      try {
        PasswordHash h = PasswordHash.parse(input);
        assertThat(h.toString()).doesNotContain("secret-tail");
      } catch (InvalidHashException e) {
        assertThat(e.getMessage()).hasSizeLessThan(300).doesNotContain("secret-tail");
      }
    }
  }

  @FuzzTest(maxDuration = "10s")
  void authenticate_anyInput_completesNormallyWithAResult(FuzzedDataProvider data) {
    String clientId = data.consumeString(64);
    String username = data.consumeBoolean() ? data.consumeString(64) : null;
    byte[] password = data.consumeBoolean() ? data.consumeBytes(32) : null;
    String listener = data.consumeString(16);
    TlsFacts tls =
        data.consumeBoolean() ? new TlsFacts(data.consumeString(10), null, List.of()) : null;
    ConnectRequest r =
        new ConnectRequest(clientId, username, password, listener, "192.0.2.1", tls, 5);
    AuthResult result =
        AUTH.authenticate(r).orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(result).isNotNull();
    if (result instanceof AuthResult.Accepted a) {
      AUTH.onDisconnected(a.identity(), Duration.ZERO);
    }
  }
}

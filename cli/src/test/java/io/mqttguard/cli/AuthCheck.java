package io.mqttguard.cli;

import io.mqttguard.audit.AuditSink;
import io.mqttguard.auth.AuthConfig;
import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.AuthSettings;
import io.mqttguard.auth.Authenticator;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.UsersConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;

/** Verifies credentials through the core's real authenticator (plaintext listener allowed). */
final class AuthCheck {
  private AuthCheck() {}

  static boolean accepts(byte[] usersJson, Set<String> roles, String user, String password)
      throws Exception {
    return accepts(usersJson, roles, "c-" + user, user, password);
  }

  static boolean accepts(
      byte[] usersJson, Set<String> roles, String clientId, String user, String password)
      throws Exception {
    UsersConfig users = UsersConfig.parse("users.json", usersJson, roles);
    AuthSettings settings =
        AuthSettings.parse(
            "guard.json",
            "{\"defaultListener\":{\"authentication\":\"password\",\"requireTlsForPassword\":false}}"
                .getBytes(StandardCharsets.UTF_8),
            Path.of("."),
            roles,
            Clock.systemUTC());
    Authenticator auth =
        Authenticator.create(
            new AuthConfig(users, settings),
            Runnable::run,
            AuditSink.discarding(),
            Clock.systemUTC(),
            new SecureRandom());
    AuthResult result =
        auth.authenticate(
                new ConnectRequest(
                    clientId,
                    user,
                    password.getBytes(StandardCharsets.UTF_8),
                    "tcp",
                    "127.0.0.1",
                    null,
                    5))
            .get();
    return result.accepted();
  }
}

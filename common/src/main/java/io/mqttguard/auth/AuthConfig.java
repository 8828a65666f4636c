package io.mqttguard.auth;

import static java.util.Objects.requireNonNull;

/**
 * One immutable authentication configuration snapshot: users plus settings. Swapped as a whole on
 * reload ({@link Authenticator#update(AuthConfig)}).
 */
public record AuthConfig(UsersConfig users, AuthSettings settings) {
  public AuthConfig {
    requireNonNull(users, "users");
    requireNonNull(settings, "settings");
  }
}

/**
 * Authentication: decides whether an MQTT CONNECT is accepted and resolves the client's {@link
 * io.mqttguard.identity.ClientIdentity identity}.
 *
 * <p>Entry point: {@link io.mqttguard.auth.Authenticator}. Configuration: {@link
 * io.mqttguard.auth.UsersConfig} ({@code users.json}) and {@link io.mqttguard.auth.AuthSettings}
 * (the listener, lockout and revocation sections of {@code guard.json}), combined in {@link
 * io.mqttguard.auth.AuthConfig}. Password hashes are parsed once into {@link
 * io.mqttguard.auth.PasswordHash} records. Nothing in this package ever logs, audits or prints a
 * password or a stored hash.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.auth;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

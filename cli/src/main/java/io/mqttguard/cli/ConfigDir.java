package io.mqttguard.cli;

import io.mqttguard.acl.AclPolicy;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.auth.AuthConfig;
import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.AuthSettings;
import io.mqttguard.auth.Authenticator;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.config.ConfigException;
import io.mqttguard.guard.ConfigSnapshot;
import io.mqttguard.guard.Guard;
import io.mqttguard.identity.ClientIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * A configuration directory loaded through the facade ({@link Guard#check}), exactly as a broker
 * loads it, for the commands that ask questions about it ({@code explain}, {@code test}).
 * Immutable.
 */
final class ConfigDir {
  private final Path dir;
  private final ConfigSnapshot snapshot;

  private ConfigDir(Path dir, ConfigSnapshot snapshot) {
    this.dir = dir;
    this.snapshot = snapshot;
  }

  /**
   * @throws ConfigException with every problem of every file, as a broker would refuse to start
   */
  static ConfigDir load(Path dir, Io io) throws ConfigException {
    if (!Files.isDirectory(dir)) {
      throw new CliException("configuration directory not found: " + dir);
    }
    return new ConfigDir(dir, Guard.check(dir, io.clock()));
  }

  ConfigSnapshot snapshot() {
    return snapshot;
  }

  AclPolicy acl() {
    return snapshot.acl();
  }

  /**
   * The identity of password user {@code username} as {@code users.json} defines it (roles,
   * attributes), without authenticating; empty if the user is unknown.
   */
  Optional<ClientIdentity> user(String clientId, String username) {
    return snapshot.auth().users().identity(clientId, username);
  }

  /**
   * Authenticates {@code request} with a fresh authenticator (no lockout or session history) that
   * puts every listener in certificate mode (for {@code explain}).
   */
  AuthResult authenticateCertificate(ConnectRequest request, Io io) throws ConfigException {
    AuthSettings certOnly =
        AuthSettings.parse(
            "(explain)",
            "{\"defaultListener\": {\"authentication\": \"certificate\"}}"
                .getBytes(StandardCharsets.UTF_8),
            dir,
            acl().roleNames(),
            io.clock());
    Authenticator authenticator =
        Authenticator.create(
            new AuthConfig(snapshot.auth().users(), certOnly),
            Runnable::run,
            AuditSink.discarding(),
            io.clock(),
            io.random());
    try {
      return authenticator.authenticate(request).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the authenticator failed", e);
    }
  }
}

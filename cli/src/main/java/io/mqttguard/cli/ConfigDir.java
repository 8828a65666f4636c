package io.mqttguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.acl.AclPolicy;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.auth.AuthConfig;
import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.AuthSettings;
import io.mqttguard.auth.Authenticator;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.UsersConfig;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.JsonConfigReader;
import io.mqttguard.identity.ClientIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * A configuration directory loaded through the core for the commands that ask questions about it
 * ({@code explain}, {@code test}): the ACL, the authentication configuration and the users file's
 * identities. Immutable.
 */
final class ConfigDir {
  private final Path dir;
  private final AclPolicy acl;
  private final AuthConfig auth;
  private final @Nullable JsonNode usersTree;

  private ConfigDir(Path dir, AclPolicy acl, AuthConfig auth, @Nullable JsonNode usersTree) {
    this.dir = dir;
    this.acl = acl;
    this.auth = auth;
    this.usersTree = usersTree;
  }

  static ConfigDir load(Path dir, Io io) throws ConfigException {
    if (!Files.isDirectory(dir)) {
      throw new CliException("configuration directory not found: " + dir);
    }
    AclPolicy acl = AclPolicy.load(dir.resolve("acl.json"));
    Path usersFile = dir.resolve("users.json");
    UsersConfig users = UsersConfig.empty();
    JsonNode tree = null;
    if (Files.exists(usersFile)) {
      users = UsersConfig.load(usersFile, acl.roleNames());
      tree = new JsonConfigReader().read(usersFile, UsersConfig.SCHEMA);
    }
    Path guardFile = dir.resolve("guard.json");
    AuthSettings settings =
        Files.exists(guardFile)
            ? AuthSettings.load(guardFile, acl.roleNames(), io.clock())
            : AuthSettings.defaults();
    return new ConfigDir(dir, acl, new AuthConfig(users, settings), tree);
  }

  Path dir() {
    return dir;
  }

  AclPolicy acl() {
    return acl;
  }

  /**
   * The identity of password user {@code username} as {@code users.json} defines it (roles,
   * attributes), without authenticating; empty if the user is unknown.
   */
  Optional<ClientIdentity> user(String clientId, String username) {
    JsonNode u = usersTree == null ? null : usersTree.path("users").get(username);
    if (u == null) {
      return Optional.empty();
    }
    Set<String> roles = new HashSet<>();
    u.path("roles").forEach(r -> roles.add(r.asText()));
    Map<String, String> attributes = new HashMap<>();
    u.path("attributes")
        .fields()
        .forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
    return Optional.of(new ClientIdentity(clientId, username, roles, attributes, null, false));
  }

  /** Authenticates {@code request} with a fresh authenticator (no lockout or session history). */
  AuthResult authenticate(ConnectRequest request, Io io) {
    Authenticator authenticator =
        Authenticator.create(auth, Runnable::run, AuditSink.discarding(), io.clock(), io.random());
    try {
      return authenticator.authenticate(request).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the authenticator failed", e);
    }
  }

  /** Like {@link #authenticate}, with every listener in certificate mode (for {@code explain}). */
  AuthResult authenticateCertificate(ConnectRequest request, Io io) throws ConfigException {
    AuthSettings certOnly =
        AuthSettings.parse(
            "(explain)",
            "{\"defaultListener\": {\"authentication\": \"certificate\"}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            dir,
            acl.roleNames(),
            io.clock());
    Authenticator authenticator =
        Authenticator.create(
            new AuthConfig(auth.users(), certOnly),
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

package io.mqttguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.auth.AuthMode;
import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.Authenticator;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.ListenerPolicy;
import io.mqttguard.auth.TlsFacts;
import io.mqttguard.guard.ConfigSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The password users of a configuration as {@code serve}'s examples use them: roles, the client ID
 * their binding allows, the listener they can use, and their password only where it is public (the
 * quickstart's demo users, confirmed by authenticating with it). Answers CONNECT questions with a
 * fresh authenticator of the loaded snapshot (no lockout or state of the running broker). Not
 * thread-safe; one per banner.
 */
final class ServeAccounts {
  /** The listeners {@code serve} opens. */
  static final String TCP = "tcp";

  static final String TLS = "tls";

  /**
   * One password user.
   *
   * @param clientId the client ID its client-ID patterns allow (its name without any)
   * @param listener {@link #TCP} or {@link #TLS}, the listener where its password is accepted
   * @param password the public demo password, or {@code null} (examples print a placeholder)
   * @param otherClientId a second client ID the patterns allow, or {@code null}: denied examples
   *     use it, so that they never take over the session of the user's running subscriber
   */
  record Account(
      String username,
      List<String> roles,
      String clientId,
      String listener,
      @Nullable String password,
      @Nullable String otherClientId) {
    @Override
    public String toString() {
      return "Account[" + username + "]"; // never the password
    }
  }

  private final ConfigSnapshot snapshot;
  private final Authenticator authenticator;
  private final JsonNode users;

  ServeAccounts(Path configDir, ConfigSnapshot snapshot, Io io) {
    this.snapshot = snapshot;
    this.authenticator =
        Authenticator.create(
            snapshot.auth(), Runnable::run, AuditSink.discarding(), io.clock(), io.random());
    this.users = readJson(configDir.resolve("users.json")).path("users");
  }

  static JsonNode readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      return new ObjectMapper().createObjectNode();
    }
    try {
      return new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + JsonFiles.describe(e), e);
    }
  }

  /** Whether listener {@code name} accepts a password alone (over TLS if {@code tls}). */
  boolean passwordsOn(String name, boolean tls) {
    ListenerPolicy p = snapshot.auth().settings().policyFor(name);
    boolean mode = p.mode() == AuthMode.PASSWORD || p.mode() == AuthMode.CERTIFICATE_OR_PASSWORD;
    return mode && (tls || !p.requireTlsForPassword());
  }

  /** The enabled password users, in file order, each with a listener it may use. */
  List<Account> accounts() {
    List<Account> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = users.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode u = e.getValue();
      if (!u.hasNonNull("password") || u.path("disabled").asBoolean(false)) {
        continue;
      }
      String name = e.getKey();
      List<String> roles = new ArrayList<>();
      u.path("roles").forEach(r -> roles.add(r.asText()));
      String clientId = clientId(name, u.path("clientIds"));
      String listener = listenerFor(roles);
      if (clientId == null || listener == null) {
        continue;
      }
      out.add(
          new Account(
              name,
              List.copyOf(roles),
              clientId,
              listener,
              demoPassword(name, clientId, listener),
              otherClientId(name, u.path("clientIds"), clientId)));
    }
    return out;
  }

  private @Nullable String listenerFor(List<String> roles) {
    for (String l : List.of(TCP, TLS)) {
      if (passwordsOn(l, l.equals(TLS)) && rolesMayUse(roles, l)) {
        return l;
      }
    }
    return null;
  }

  private boolean rolesMayUse(List<String> roles, String listener) {
    Map<String, Set<String>> only = snapshot.auth().settings().roleListeners();
    return roles.stream().allMatch(r -> !only.containsKey(r) || only.get(r).contains(listener));
  }

  /** The first {@code clientIds} pattern made concrete; null if all need a certificate. */
  private static @Nullable String clientId(String username, JsonNode patterns) {
    if (!patterns.isArray() || patterns.isEmpty()) {
      return username;
    }
    for (JsonNode p : patterns) {
      String s = p.asText();
      if (!s.contains("${cert.")) {
        return s.replace("${user.name}", username).replace("*", "1");
      }
    }
    return null;
  }

  /** A client ID other than {@code first} that a {@code *} pattern allows, or null. */
  private static @Nullable String otherClientId(String username, JsonNode patterns, String first) {
    for (JsonNode p : patterns) {
      String s = p.asText();
      if (s.contains("*") && !s.contains("${cert.")) {
        String other = s.replace("${user.name}", username).replace("*", "2");
        if (!other.equals(first)) {
          return other;
        }
      }
    }
    return null;
  }

  /** The quickstart's public password of {@code username}, if this configuration accepts it. */
  private @Nullable String demoPassword(String username, String clientId, String listener) {
    for (DemoUsers.Demo d : DemoUsers.PASSWORD_USERS) {
      if (d.username().equals(username)
          && connect(clientId, username, d.password(), listener, List.of())
              instanceof AuthResult.Accepted) {
        return d.password();
      }
    }
    return null;
  }

  /** Authenticates a CONNECT on {@code listener} (over TLS with {@code chain} on {@link #TLS}). */
  AuthResult connect(
      String clientId,
      @Nullable String username,
      @Nullable String password,
      String listener,
      List<X509Certificate> chain) {
    TlsFacts tls = listener.equals(TLS) ? new TlsFacts("TLSv1.3", null, chain) : null;
    byte[] pw = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
    try {
      return authenticator
          .authenticate(new ConnectRequest(clientId, username, pw, listener, "127.0.0.1", tls, 4))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the authenticator failed", e);
    }
  }
}

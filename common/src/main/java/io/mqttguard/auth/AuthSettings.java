package io.mqttguard.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.config.JsonConfigReader;
import io.mqttguard.topic.TopicLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The authentication sections of {@code guard.json}: per-listener policies, role-to-listener
 * restrictions, lockout, revocation (CRL files, parsed at load) and the verification cache, plus
 * the {@linkplain #topicLimits() topic limits} every adapter enforces. Immutable and thread-safe.
 */
public final class AuthSettings {
  /** Schema resource name. */
  public static final String SCHEMA = "guard-1.json";

  private final Map<String, ListenerPolicy> listeners;
  private final ListenerPolicy defaultListener;
  private final Map<String, Set<String>> roleListeners;
  private final LockoutSettings lockout;
  private final CacheSettings cache;
  private final Revocation revocation;
  private final TopicLimits topicLimits;
  private final List<ConfigProblem> warnings;

  AuthSettings(
      Map<String, ListenerPolicy> listeners,
      ListenerPolicy defaultListener,
      Map<String, Set<String>> roleListeners,
      LockoutSettings lockout,
      CacheSettings cache,
      Revocation revocation,
      TopicLimits topicLimits,
      List<ConfigProblem> warnings) {
    this.listeners = Map.copyOf(listeners);
    this.defaultListener = defaultListener;
    this.roleListeners = Map.copyOf(roleListeners);
    this.lockout = lockout;
    this.cache = cache;
    this.revocation = revocation;
    this.topicLimits = topicLimits;
    this.warnings = List.copyOf(warnings);
  }

  /** Built-in defaults: {@link ListenerPolicy#DEFAULT} everywhere, default lockout and cache. */
  public static AuthSettings defaults() {
    return new AuthSettings(
        Map.of(),
        ListenerPolicy.DEFAULT,
        Map.of(),
        LockoutSettings.DEFAULT,
        CacheSettings.DEFAULT,
        Revocation.NONE,
        TopicLimits.DEFAULT,
        List.of());
  }

  /**
   * Loads {@code guardJson}; CRL paths are resolved against its directory.
   *
   * @param knownRoles role names defined by the ACL file (for {@code roleListeners})
   * @param clock used to warn about CRLs past their next-update time
   * @throws ConfigException listing every problem (file, JSON pointer, message)
   */
  public static AuthSettings load(Path guardJson, Set<String> knownRoles, Clock clock)
      throws ConfigException {
    JsonNode root = new JsonConfigReader().read(guardJson, SCHEMA);
    Path dir = guardJson.toAbsolutePath().getParent();
    return fromTree(
        UsersConfig.fileName(guardJson), root, dir == null ? Path.of(".") : dir, knownRoles, clock);
  }

  /**
   * Parses {@code json} as the file named {@code fileName}; CRL paths resolve against {@code
   * baseDir}.
   */
  public static AuthSettings parse(
      String fileName, byte[] json, Path baseDir, Set<String> knownRoles, Clock clock)
      throws ConfigException {
    JsonNode root = new JsonConfigReader().parse(fileName, json, SCHEMA);
    return fromTree(fileName, root, baseDir, knownRoles, clock);
  }

  /**
   * Reads the authentication sections from a {@code guard.json} tree already validated against
   * {@value #SCHEMA} (for the facade, which reads the file once).
   */
  public static AuthSettings fromTree(
      String fileName, JsonNode root, Path baseDir, Set<String> knownRoles, Clock clock)
      throws ConfigException {
    return new SettingsLoader(fileName, baseDir, knownRoles, clock).load(root);
  }

  /** The policy of listener {@code name} (the default policy if it is not configured). */
  public ListenerPolicy policyFor(String name) {
    return listeners.getOrDefault(name, defaultListener);
  }

  /** Role → the only listeners where a client holding it may connect. */
  public Map<String, Set<String>> roleListeners() {
    return roleListeners;
  }

  public LockoutSettings lockout() {
    return lockout;
  }

  /** The bounds on every topic name and filter a client sends ({@code topicLimits}). */
  public TopicLimits topicLimits() {
    return topicLimits;
  }

  public CacheSettings cache() {
    return cache;
  }

  /** How many CRLs were loaded. */
  public int crlCount() {
    return revocation.size();
  }

  /**
   * The CRL files that were loaded (resolved paths), so that a reloader can watch them: a changed
   * CRL takes effect only when the settings are loaded again and passed to {@link
   * Authenticator#update(AuthConfig)}.
   */
  public List<Path> crlFiles() {
    return revocation.files();
  }

  /** Non-fatal problems found at load, to be logged by the caller. */
  public List<ConfigProblem> warnings() {
    return warnings;
  }

  Revocation revocation() {
    return revocation;
  }
}

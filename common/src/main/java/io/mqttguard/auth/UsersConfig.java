package io.mqttguard.auth;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.config.JsonConfigReader;
import io.mqttguard.identity.ClientIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parsed {@code users.json}: password users and certificate mapping rules. Immutable and
 * thread-safe; loading validates against schema {@code users-1.json} first, then checks semantics
 * (hash formats, roles known to the ACL file, client-ID patterns, DNs, duplicate usernames after
 * Unicode normalization) and reports every problem with file and JSON pointer.
 */
public final class UsersConfig {
  /** Schema resource name. */
  public static final String SCHEMA = "users-1.json";

  private static final UsersConfig EMPTY = new UsersConfig(Map.of(), List.of(), List.of());

  private final Map<String, UserEntry> users;
  private final List<CertificateRule> certificateRules;
  private final List<ConfigProblem> warnings;

  UsersConfig(
      Map<String, UserEntry> users,
      List<CertificateRule> certificateRules,
      List<ConfigProblem> warnings) {
    this.users = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(users));
    this.certificateRules = List.copyOf(certificateRules);
    this.warnings = List.copyOf(warnings);
  }

  /** No users and no certificate rules: every credential is rejected. */
  public static UsersConfig empty() {
    return EMPTY;
  }

  /**
   * Loads {@code file}.
   *
   * @param knownRoles the role names defined by the ACL file; any other role is an error
   * @throws ConfigException listing every problem (file, JSON pointer, message)
   */
  public static UsersConfig load(Path file, Set<String> knownRoles) throws ConfigException {
    var root = new JsonConfigReader().read(file, SCHEMA);
    return new UsersLoader(fileName(file), knownRoles).load(root);
  }

  /** Parses {@code json} as the file named {@code fileName}; see {@link #load}. */
  public static UsersConfig parse(String fileName, byte[] json, Set<String> knownRoles)
      throws ConfigException {
    var root = new JsonConfigReader().parse(fileName, json, SCHEMA);
    return new UsersLoader(fileName, knownRoles).load(root);
  }

  /** The configured usernames. */
  public Set<String> usernames() {
    return users.keySet();
  }

  /**
   * The identity password user {@code username} gets as client {@code clientId} (its roles and
   * attributes) without authenticating: no password, client-ID pattern or {@code disabled} check.
   * For tools that ask what a user may do ({@code mqtt-guard explain}, policy tests).
   *
   * @return empty if {@code users.json} has no such user
   */
  public Optional<ClientIdentity> identity(String clientId, String username) {
    UserEntry u = users.get(username);
    return u == null
        ? Optional.empty()
        : Optional.of(
            new ClientIdentity(clientId, username, u.roles(), u.attributes(), null, false));
  }

  /** How many certificate mapping rules there are. */
  public int certificateRuleCount() {
    return certificateRules.size();
  }

  /** Non-fatal problems found at load (e.g. weak hash parameters), to be logged by the caller. */
  public List<ConfigProblem> warnings() {
    return warnings;
  }

  /**
   * The client-ID takeover risks this file leaves open, for tools ({@code mqtt-guard check}); not
   * part of {@link #warnings()}. Warns when some principals (password users, certificate rules) are
   * bound to client IDs and others are not (naming the unbound ones, at most 10), and when patterns
   * of two password users allow a common client ID. Nothing when all or none are bound and no
   * patterns overlap. Disabled users and users without a password are not counted.
   *
   * @param fileName the file name the warnings name (e.g. {@code users.json})
   */
  public List<ConfigProblem> clientIdBindingWarnings(String fileName) {
    return ClientIdBindingLint.check(fileName, this);
  }

  @Nullable UserEntry user(String name) {
    return users.get(name);
  }

  List<CertificateRule> certificateRules() {
    return certificateRules;
  }

  /**
   * A stored hash with the most common format and cost parameters of this file, for decoys: an
   * unknown username then costs what most real users cost. Ties go to the first in file order.
   */
  @Nullable PasswordHash representativeHash() {
    Map<String, Integer> counts = new java.util.HashMap<>();
    PasswordHash best = null;
    int bestCount = 0;
    for (UserEntry u : users.values()) {
      PasswordHash h = u.hash();
      if (h != null) {
        int n = counts.merge(h.format() + " " + h.parameters(), 1, Integer::sum);
        if (n > bestCount) {
          best = h;
          bestCount = n;
        }
      }
    }
    return best;
  }

  static String fileName(Path file) {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  @Override
  public String toString() {
    return "UsersConfig[" + users.size() + " users, " + certificateRules.size() + " rules]";
  }
}

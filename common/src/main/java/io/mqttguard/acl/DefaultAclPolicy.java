package io.mqttguard.acl;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.identity.ClientIdentity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loaded policy: roles, each with its rules. Immutable and thread-safe; the only mutable part
 * is a bounded cache of the shared tries per role set (weighted by indexed rule topics), which
 * makes CONNECT cost independent of the substitution-free part of the policy.
 */
final class DefaultAclPolicy implements AclPolicy {
  /** Upper bound of rule topics held in shared tries across all cached role sets. */
  static final long SHARED_TRIES_WEIGHT = 2_000_000;

  private final Map<String, List<Rule>> roles;
  private final Map<String, List<Rule>> substituting;
  private final Set<String> anonymousRoles;
  private final List<ConfigProblem> warnings;
  private final Cache<List<String>, Tries> shared =
      Caffeine.newBuilder()
          .executor(Runnable::run)
          .maximumWeight(SHARED_TRIES_WEIGHT)
          .<List<String>, Tries>weigher((roleSet, tries) -> 1 + tries.size)
          .build();

  DefaultAclPolicy(
      Map<String, List<Rule>> roles, Set<String> anonymousRoles, List<ConfigProblem> warnings) {
    this.roles = Map.copyOf(roles);
    Map<String, List<Rule>> sub = new java.util.HashMap<>();
    roles.forEach(
        (role, rules) ->
            sub.put(
                role,
                rules.stream()
                    .filter(r -> r.topics().stream().anyMatch(TopicTemplate::hasSubstitutions))
                    .toList()));
    this.substituting = Map.copyOf(sub);
    this.anonymousRoles = Set.copyOf(anonymousRoles);
    this.warnings = List.copyOf(warnings);
  }

  /** Role name to its rules, in file order. */
  Map<String, List<Rule>> roles() {
    return roles;
  }

  /** The rules of {@code role} that have at least one topic with substitutions. */
  List<Rule> substitutingRules(String role) {
    return substituting.getOrDefault(role, List.of());
  }

  @Override
  public Set<String> roleNames() {
    return roles.keySet();
  }

  @Override
  public Set<String> anonymousRoles() {
    return anonymousRoles;
  }

  @Override
  public List<ConfigProblem> warnings() {
    return warnings;
  }

  @Override
  public ClientPolicy compile(ClientIdentity identity) {
    return PolicyCompiler.compile(this, identity);
  }

  /** The shared tries of {@code roleSet} (sorted, all defined), built at most once while cached. */
  Tries sharedTries(List<String> roleSet) {
    return shared.get(roleSet, key -> PolicyCompiler.shared(this, key));
  }

  @Override
  public String toString() {
    return "AclPolicy[" + roles.size() + " roles, anonymous=" + anonymousRoles + "]";
  }
}

package io.mqttguard.acl;

import io.mqttguard.config.ConfigProblem;
import io.mqttguard.identity.ClientIdentity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loaded policy: roles in file order, each with its rules. Immutable and thread-safe.
 *
 * @param roles role name to its rules, in file order
 */
record DefaultAclPolicy(
    Map<String, List<Rule>> roles, Set<String> anonymousRoles, List<ConfigProblem> warnings)
    implements AclPolicy {

  DefaultAclPolicy {
    // Map.copyOf would lose file order, which only affects rule ordinals (already assigned).
    roles = Map.copyOf(roles);
    anonymousRoles = Set.copyOf(anonymousRoles);
    warnings = List.copyOf(warnings);
  }

  @Override
  public Set<String> roleNames() {
    return roles.keySet();
  }

  @Override
  public ClientPolicy compile(ClientIdentity identity) {
    return PolicyCompiler.compile(this, identity);
  }

  @Override
  public String toString() {
    return "AclPolicy[" + roles.size() + " roles, anonymous=" + anonymousRoles + "]";
  }
}

package io.mqttguard.acl;

import io.mqttguard.identity.ClientIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles a {@link DefaultAclPolicy} for one identity. Rule topics without substitutions go into
 * tries shared by every client with the same roles (built once, cached by the policy); only topics
 * with substitutions are resolved and indexed per client. Stateless.
 */
final class PolicyCompiler {
  private PolicyCompiler() {}

  static ClientPolicy compile(DefaultAclPolicy policy, ClientIdentity identity) {
    Set<String> granted = identity.anonymous() ? policy.anonymousRoles() : identity.roles();
    List<Explanation.Step> notes = new ArrayList<>();
    List<String> known = new ArrayList<>();
    for (String role : new TreeSet<>(granted)) {
      if (policy.roles().containsKey(role)) {
        known.add(role);
      } else {
        notes.add(new Explanation.Step(null, "role '" + role + "' is not defined in the ACL"));
      }
    }
    Tries shared = policy.sharedTries(List.copyOf(known));
    Tries.Builder own = new Tries.Builder();
    for (String role : known) {
      for (Rule rule : policy.substitutingRules(role)) {
        for (TopicTemplate template : rule.topics()) {
          if (!template.hasSubstitutions()) {
            continue;
          }
          var resolution = template.resolve(identity, rule.effect() == Effect.DENY);
          if (resolution.note() != null) {
            notes.add(new Explanation.Step(rule.ref(), template.text() + ": " + resolution.note()));
          }
          String[] levels = resolution.levels();
          if (levels != null) {
            own.add(rule, levels);
          }
        }
      }
    }
    Tries mine = own.build();
    return new DefaultClientPolicy(
        policy, identity, granted, shared, mine.isEmpty() ? null : mine, notes);
  }

  /** The tries of the substitution-free rule topics of {@code roles} (all defined). */
  static Tries shared(DefaultAclPolicy policy, List<String> roles) {
    Tries.Builder b = new Tries.Builder();
    for (String role : roles) {
      for (Rule rule : policy.roles().getOrDefault(role, List.of())) {
        for (TopicTemplate template : rule.topics()) {
          if (!template.hasSubstitutions()) {
            b.add(rule, template.sharedLevels());
          }
        }
      }
    }
    return b.build();
  }
}

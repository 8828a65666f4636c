package io.mqttguard.acl;

import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.topic.SharedSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The object-per-level trie engine that the compact {@link Trie} replaced (issue 20), kept in test
 * scope only as the reference of the differential test ({@code TrieDifferentialTest}) and as the
 * "legacy" baseline of {@code AclDecisionBenchmark} and {@code TrieFootprint} (benchmarks depend on
 * this module's test jar). Not a production path.
 */
public final class LegacyAcl {
  private LegacyAcl() {}

  /**
   * A client policy whose publish, receive and subscribe decisions run on the legacy tries (built
   * exactly as {@link PolicyCompiler} built them); the other methods delegate to {@code
   * policy.compile(identity)}.
   */
  public static ClientPolicy compile(AclPolicy policy, ClientIdentity identity) {
    DefaultAclPolicy p = (DefaultAclPolicy) policy;
    Set<String> granted = identity.anonymous() ? p.anonymousRoles() : identity.roles();
    List<String> known = new ArrayList<>();
    for (String role : new TreeSet<>(granted)) {
      if (p.roles().containsKey(role)) {
        known.add(role);
      }
    }
    LegacyTries shared = (LegacyTries) legacySharedTries(policy, known);
    LegacyTries.Builder own = new LegacyTries.Builder();
    for (String role : known) {
      for (Rule rule : p.substitutingRules(role)) {
        for (TopicTemplate template : rule.topics()) {
          if (template.hasSubstitutions()) {
            String[] levels = template.resolve(identity, rule.effect() == Effect.DENY).levels();
            if (levels != null) {
              own.add(rule, levels);
            }
          }
        }
      }
    }
    LegacyTries mine = own.build();
    return new Legacy(policy.compile(identity), shared, mine.isEmpty() ? null : mine);
  }

  /** The legacy shared tries of {@code roles} (sorted, all defined), built anew (no cache). */
  public static Object legacySharedTries(AclPolicy policy, List<String> roles) {
    DefaultAclPolicy p = (DefaultAclPolicy) policy;
    LegacyTries.Builder b = new LegacyTries.Builder();
    for (String role : roles) {
      for (Rule rule : p.roles().getOrDefault(role, List.of())) {
        for (TopicTemplate template : rule.topics()) {
          if (!template.hasSubstitutions()) {
            b.add(rule, template.literalLevels());
          }
        }
      }
    }
    return b.build();
  }

  /** The compact shared tries of {@code roles} (sorted, all defined), built anew (no cache). */
  public static Object compactSharedTries(AclPolicy policy, List<String> roles) {
    return PolicyCompiler.shared((DefaultAclPolicy) policy, roles);
  }

  /**
   * One policy holding the roles of all {@code parts} (role names must differ), for footprint
   * measurements beyond one acl.json's size limit. Rule ordinals are those of each part (they
   * repeat across parts), so decisions across roles are not those of one file: sizing only.
   */
  public static AclPolicy merged(List<AclPolicy> parts) {
    java.util.Map<String, List<Rule>> roles = new java.util.LinkedHashMap<>();
    for (AclPolicy part : parts) {
      roles.putAll(((DefaultAclPolicy) part).roles());
    }
    return new DefaultAclPolicy(roles, Set.of(), List.of());
  }

  private static final class Legacy implements ClientPolicy {
    private final ClientPolicy current;
    private final LegacyTries shared;
    private final @Nullable LegacyTries own;

    Legacy(ClientPolicy current, LegacyTries shared, @Nullable LegacyTries own) {
      this.current = current;
      this.shared = shared;
      this.own = own;
    }

    @Override
    public Decision publish(String topic, int qos, boolean retain, int payloadBytes) {
      if (qos < 0 || qos > 2) {
        return Requests.BAD_QOS;
      }
      if (payloadBytes < 0) {
        return Requests.BAD_SIZE;
      }
      Decision invalid = Requests.checkName(topic);
      if (invalid != null) {
        return invalid;
      }
      return LegacyTopicMatch.publish(shared, own, topic, qos, retain, payloadBytes);
    }

    @Override
    public Decision subscribe(String topicFilterOrShared, int qos) {
      if (qos < 0 || qos > 2) {
        return Requests.BAD_QOS;
      }
      Decision invalid = Requests.checkFilter(topicFilterOrShared);
      if (invalid != null) {
        return invalid;
      }
      String filter = topicFilterOrShared;
      String group = null;
      if (SharedSubscription.isShared(topicFilterOrShared)) {
        int start = Requests.sharedFilterStart(topicFilterOrShared);
        if (start < 0) {
          return Requests.BAD_SHARE;
        }
        filter = topicFilterOrShared.substring(start);
        group = topicFilterOrShared.substring(SharedSubscription.PREFIX.length(), start - 1);
      }
      String[] levels = Requests.levels(filter);
      LegacyWalk walk = LegacyWalk.subscribe(qos);
      check(walk, shared, levels, group);
      if (own != null) {
        check(walk, own, levels, group);
      }
      return walk.decision(Requests.NO_MATCH);
    }

    private static void check(
        LegacyWalk walk, LegacyTries tries, String[] levels, @Nullable String group) {
      walk.containing(tries.subscribe, levels, 0);
      walk.intersectingDenies(tries.subscribe, levels, 0);
      LegacyTrieNode groupTrie = group == null ? null : tries.group(group);
      if (groupTrie != null) {
        walk.containing(groupTrie, levels, 0);
        walk.intersectingDenies(groupTrie, levels, 0);
      }
    }

    @Override
    public Decision receive(String topic) {
      Decision invalid = Requests.checkName(topic);
      if (invalid != null) {
        return invalid;
      }
      return LegacyTopicMatch.receive(shared, own, topic);
    }

    @Override
    public Optional<PublishGrants> publishGrants() {
      return current.publishGrants();
    }

    @Override
    public boolean receiveDeniesWithinSubscriptions() {
      return current.receiveDeniesWithinSubscriptions();
    }

    @Override
    public Explanation explain(AccessRequest request) {
      return current.explain(request);
    }
  }
}

package io.mqttguard.acl;

import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.topic.SharedSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The compiled policy of one client: the tries shared by its role set and, if it has rules with
 * substitutions, its own. Immutable after construction; thread-safe.
 */
final class DefaultClientPolicy implements ClientPolicy {
  private final DefaultAclPolicy policy;
  private final ClientIdentity identity;
  private final Set<String> roles;
  private final Tries shared;
  private final @Nullable Tries own;
  private final List<Explanation.Step> notes;

  DefaultClientPolicy(
      DefaultAclPolicy policy,
      ClientIdentity identity,
      Set<String> roles,
      Tries shared,
      @Nullable Tries own,
      List<Explanation.Step> notes) {
    this.policy = policy;
    this.identity = identity;
    this.roles = Set.copyOf(roles);
    this.shared = shared;
    this.own = own;
    this.notes = List.copyOf(notes);
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
    return TopicMatch.publish(shared, own, topic, qos, retain, payloadBytes);
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
    Walk walk = Walk.subscribe(qos);
    check(walk, shared, levels, group);
    if (own != null) {
      check(walk, own, levels, group);
    }
    return walk.decision(Requests.NO_MATCH);
  }

  private static void check(Walk walk, Tries tries, String[] levels, @Nullable String group) {
    walk.containing(tries.subscribe, Trie.ROOT, levels, 0);
    walk.intersectingDenies(tries.subscribe, Trie.ROOT, levels, 0);
    Trie groupTrie = group == null ? null : tries.group(group);
    if (groupTrie != null) {
      walk.containing(groupTrie, Trie.ROOT, levels, 0);
      walk.intersectingDenies(groupTrie, Trie.ROOT, levels, 0);
    }
  }

  @Override
  public Decision receive(String topic) {
    Decision invalid = Requests.checkName(topic);
    if (invalid != null) {
      return invalid;
    }
    return TopicMatch.receive(shared, own, topic);
  }

  @Override
  public Optional<PublishGrants> publishGrants() {
    PublishRules.Grants theirs = shared.publishRules.grants();
    PublishRules.Grants mine = own == null ? null : own.publishRules.grants();
    if (theirs.notExpressible() || (mine != null && mine.notExpressible())) {
      return Optional.empty();
    }
    List<PublishGrant> grants = new ArrayList<>(theirs.denies());
    if (mine != null) {
      grants.addAll(mine.denies());
    }
    grants.addAll(theirs.allows());
    if (mine != null) {
      grants.addAll(mine.allows());
    }
    return Optional.of(new PublishGrants(grants));
  }

  @Override
  public boolean receiveDeniesWithinSubscriptions() {
    return shared.receiveDenies || (own != null && own.receiveDenies);
  }

  @Override
  public Explanation explain(AccessRequest request) {
    Decision decision = decide(request);
    return new Explanation(
        request, decision, Explainer.trace(policy, identity, roles, notes, request, decision));
  }

  @Override
  public String toString() {
    return "ClientPolicy[clientId=" + identity.clientId() + ", roles=" + roles + "]";
  }
}

package io.mqttguard.acl;

import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.topic.SharedSubscription;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The compiled tries of one client. Immutable after construction; thread-safe. */
final class DefaultClientPolicy implements ClientPolicy {
  private final DefaultAclPolicy policy;
  private final ClientIdentity identity;
  private final Set<String> roles;
  private final TrieNode publish;
  private final TrieNode receive;
  private final TrieNode subscribe;
  private final Map<String, TrieNode> shareGroups;
  private final List<Explanation.Step> notes;

  DefaultClientPolicy(
      DefaultAclPolicy policy,
      ClientIdentity identity,
      Set<String> roles,
      TrieNode publish,
      TrieNode receive,
      TrieNode subscribe,
      Map<String, TrieNode> shareGroups,
      List<Explanation.Step> notes) {
    this.policy = policy;
    this.identity = identity;
    this.roles = Set.copyOf(roles);
    this.publish = publish;
    this.receive = receive;
    this.subscribe = subscribe;
    this.shareGroups = shareGroups;
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
    return TopicMatch.publish(publish, topic, qos, retain, payloadBytes);
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
    TrieNode group = null;
    if (SharedSubscription.isShared(topicFilterOrShared)) {
      int start = Requests.sharedFilterStart(topicFilterOrShared);
      if (start < 0) {
        return Requests.BAD_SHARE;
      }
      filter = topicFilterOrShared.substring(start);
      String name = topicFilterOrShared.substring(SharedSubscription.PREFIX.length(), start - 1);
      group = shareGroups.get(name);
    }
    String[] levels = Requests.levels(filter);
    Walk walk = Walk.subscribe(qos);
    walk.containing(subscribe, levels, 0);
    walk.intersectingDenies(subscribe, levels, 0);
    if (group != null) {
      walk.containing(group, levels, 0);
      walk.intersectingDenies(group, levels, 0);
    }
    return walk.decision(Requests.NO_MATCH);
  }

  @Override
  public Decision receive(String topic) {
    Decision invalid = Requests.checkName(topic);
    if (invalid != null) {
      return invalid;
    }
    return TopicMatch.receive(receive, topic);
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

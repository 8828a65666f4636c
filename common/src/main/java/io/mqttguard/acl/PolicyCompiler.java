package io.mqttguard.acl;

import io.mqttguard.identity.ClientIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Compiles a {@link DefaultAclPolicy} for one identity into topic tries. Stateless. */
final class PolicyCompiler {
  private PolicyCompiler() {}

  static ClientPolicy compile(DefaultAclPolicy policy, ClientIdentity identity) {
    Set<String> granted = identity.anonymous() ? policy.anonymousRoles() : identity.roles();
    List<Explanation.Step> notes = new ArrayList<>();
    TrieNode publish = new TrieNode();
    TrieNode receive = new TrieNode();
    TrieNode subscribe = new TrieNode();
    Map<String, TrieNode> groups = new HashMap<>();
    for (String role : new TreeSet<>(granted)) {
      List<Rule> rules = policy.roles().get(role);
      if (rules == null) {
        notes.add(new Explanation.Step(null, "role '" + role + "' is not defined in the ACL"));
        continue;
      }
      for (Rule rule : rules) {
        for (TopicTemplate template : rule.topics()) {
          var resolution = template.resolve(identity, rule.effect() == Effect.DENY);
          if (resolution.note() != null) {
            notes.add(new Explanation.Step(rule.ref(), template.text() + ": " + resolution.note()));
          }
          String[] levels = resolution.levels();
          if (levels != null) {
            index(rule, levels, publish, receive, subscribe, groups);
          }
        }
      }
    }
    groups.values().forEach(TrieNode::freeze);
    return new DefaultClientPolicy(
        policy,
        identity,
        granted,
        publish.freeze(),
        receive.freeze(),
        subscribe.freeze(),
        Map.copyOf(groups),
        notes);
  }

  private static void index(
      Rule rule,
      String[] levels,
      TrieNode publish,
      TrieNode receive,
      TrieNode subscribe,
      Map<String, TrieNode> groups) {
    Set<Action> actions = rule.actions();
    if (actions.contains(Action.PUBLISH)) {
      publish.add(levels, rule);
    }
    if (actions.contains(Action.RECEIVE)) {
      receive.add(levels, rule);
    }
    if (actions.contains(Action.SUBSCRIBE)) {
      Set<String> shareGroups = rule.shareGroups();
      if (shareGroups == null) {
        subscribe.add(levels, rule);
        // allow subscribe F => allow receive on topics matching F; deny subscribe likewise denies.
        receive.add(levels, rule);
      } else {
        for (String group : shareGroups) {
          groups.computeIfAbsent(group, g -> new TrieNode()).add(levels, rule);
        }
        if (rule.effect() == Effect.ALLOW) {
          receive.add(levels, rule);
        }
      }
    }
  }
}

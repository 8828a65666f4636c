package io.mqttguard.acl;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The topic tries of a set of resolved rule topics: one per action, plus one per share group for
 * subscribe rules restricted by {@code shareGroups}. Immutable once {@link Builder#build() built};
 * thread-safe.
 */
final class Tries {
  static final Tries EMPTY = new Builder().build();

  final TrieNode publish;
  final TrieNode receive;
  final TrieNode subscribe;
  final Map<String, TrieNode> groups;

  /** How many rule topics were indexed (the cache weight). */
  final int size;

  private Tries(Builder b) {
    this.publish = b.publish.freeze();
    this.receive = b.receive.freeze();
    this.subscribe = b.subscribe.freeze();
    b.groups.values().forEach(g -> g.freeze());
    this.groups = Map.copyOf(b.groups);
    this.size = b.size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  @Nullable TrieNode group(String name) {
    return groups.get(name);
  }

  /** Collects resolved rule topics. Not thread-safe. */
  static final class Builder {
    private final TrieNode publish = new TrieNode();
    private final TrieNode receive = new TrieNode();
    private final TrieNode subscribe = new TrieNode();
    private final Map<String, TrieNode> groups = new HashMap<>();
    private int size;

    /** Indexes {@code rule} under the resolved filter {@code levels} for each of its actions. */
    void add(Rule rule, String[] levels) {
      size++;
      if (rule.actions().contains(Action.PUBLISH)) {
        publish.add(levels, rule);
      }
      if (rule.actions().contains(Action.RECEIVE)) {
        receive.add(levels, rule);
      }
      if (rule.actions().contains(Action.SUBSCRIBE)) {
        var shareGroups = rule.shareGroups();
        if (shareGroups == null) {
          subscribe.add(levels, rule);
          // allow subscribe F => allow receive on topics matching F; deny subscribe likewise.
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

    Tries build() {
      return new Tries(this);
    }
  }
}

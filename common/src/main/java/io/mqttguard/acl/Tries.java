package io.mqttguard.acl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The topic tries of a set of resolved rule topics: one per action, plus one per share group for
 * subscribe rules restricted by {@code shareGroups}; their literal levels are interned in one
 * {@link LevelPool}. Immutable once {@link Builder#build() built}; thread-safe.
 */
final class Tries {
  final Trie publish;
  final Trie receive;
  final Trie subscribe;
  final Map<String, Trie> groups;

  /** How many rule topics were indexed (the cache weight). */
  final int size;

  /** Publish rules with their resolved filters, in the order they were added. */
  final PublishRules publishRules;

  /** Whether a {@code deny receive} rule is indexed. */
  final boolean receiveDenies;

  private Tries(Builder b) {
    LevelPool levels = b.pool.build();
    this.publish = b.publish.build(levels);
    this.receive = b.receive.build(levels);
    this.subscribe = b.subscribe.build(levels);
    Map<String, Trie> built = new HashMap<>();
    b.groups.forEach((name, g) -> built.put(name, g.build(levels)));
    this.groups = Map.copyOf(built);
    this.size = b.size;
    this.publishRules = new PublishRules(b.publishRules, b.publishFilters);
    this.receiveDenies = b.receiveDenies;
  }

  boolean isEmpty() {
    return size == 0;
  }

  @Nullable Trie group(String name) {
    return groups.get(name);
  }

  /** Collects resolved rule topics. Not thread-safe. */
  static final class Builder {
    private final LevelPool.Builder pool = new LevelPool.Builder();
    private final TrieBuilder publish = new TrieBuilder(pool);
    private final TrieBuilder receive = new TrieBuilder(pool);
    private final TrieBuilder subscribe = new TrieBuilder(pool);
    private final Map<String, TrieBuilder> groups = new HashMap<>();
    private int size;
    private final List<Rule> publishRules = new ArrayList<>();
    private final List<String[]> publishFilters = new ArrayList<>();
    private boolean receiveDenies;

    /** Indexes {@code rule} under the resolved filter {@code levels} for each of its actions. */
    void add(Rule rule, String[] levels) {
      size++;
      if (rule.actions().contains(Action.PUBLISH)) {
        publish.add(levels, rule);
        publishRules.add(rule);
        publishFilters.add(levels);
      }
      if (rule.actions().contains(Action.RECEIVE)) {
        receive.add(levels, rule);
        receiveDenies |= rule.effect() == Effect.DENY;
      }
      if (rule.actions().contains(Action.SUBSCRIBE)) {
        var shareGroups = rule.shareGroups();
        if (shareGroups == null) {
          subscribe.add(levels, rule);
          // allow subscribe F => allow receive on topics matching F; deny subscribe likewise.
          receive.add(levels, rule);
        } else {
          for (String group : shareGroups) {
            groups.computeIfAbsent(group, g -> new TrieBuilder(pool)).add(levels, rule);
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

package io.mqttguard.acl;

import io.mqttguard.topic.TopicFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Test scope only: the pre-issue-20 engine, unchanged, kept as the reference of {@link LegacyAcl}.
 * The topic tries of a set of resolved rule topics: one per action, plus one per share group for
 * subscribe rules restricted by {@code shareGroups}. Immutable once {@link Builder#build() built};
 * thread-safe.
 */
final class LegacyTries {
  static final LegacyTries EMPTY = new Builder().build();

  final LegacyTrieNode publish;
  final LegacyTrieNode receive;
  final LegacyTrieNode subscribe;
  final Map<String, LegacyTrieNode> groups;

  /** How many rule topics were indexed (the cache weight). */
  final int size;

  /** Publish rules with their resolved filters, in the order they were added. */
  final List<PublishGrant> publishDenies;

  final List<PublishGrant> publishAllows;

  /**
   * Whether a publish rule is not expressible as a grant: an allow rule limits the payload size, or
   * a resolved filter is no valid topic filter on its own (longer than MQTT's 65535 bytes).
   */
  final boolean publishNotExpressible;

  /** Whether a {@code deny receive} rule is indexed. */
  final boolean receiveDenies;

  private LegacyTries(Builder b) {
    this.publish = b.publish.freeze();
    this.receive = b.receive.freeze();
    this.subscribe = b.subscribe.freeze();
    b.groups.values().forEach(g -> g.freeze());
    this.groups = Map.copyOf(b.groups);
    this.size = b.size;
    this.publishDenies = List.copyOf(b.publishDenies);
    this.publishAllows = List.copyOf(b.publishAllows);
    this.publishNotExpressible = b.publishNotExpressible;
    this.receiveDenies = b.receiveDenies;
  }

  boolean isEmpty() {
    return size == 0;
  }

  @Nullable LegacyTrieNode group(String name) {
    return groups.get(name);
  }

  /** Collects resolved rule topics. Not thread-safe. */
  static final class Builder {
    private final LegacyTrieNode publish = new LegacyTrieNode();
    private final LegacyTrieNode receive = new LegacyTrieNode();
    private final LegacyTrieNode subscribe = new LegacyTrieNode();
    private final Map<String, LegacyTrieNode> groups = new HashMap<>();
    private int size;
    private final List<PublishGrant> publishDenies = new ArrayList<>();
    private final List<PublishGrant> publishAllows = new ArrayList<>();
    private boolean publishNotExpressible;
    private boolean receiveDenies;

    /** Indexes {@code rule} under the resolved filter {@code levels} for each of its actions. */
    void add(Rule rule, String[] levels) {
      size++;
      if (rule.actions().contains(Action.PUBLISH)) {
        publish.add(levels, rule);
        grant(rule, levels);
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
            groups.computeIfAbsent(group, g -> new LegacyTrieNode()).add(levels, rule);
          }
          if (rule.effect() == Effect.ALLOW) {
            receive.add(levels, rule);
          }
        }
      }
    }

    private void grant(Rule rule, String[] levels) {
      String text = String.join("/", levels);
      if (TopicFilter.problem(text) != null) {
        publishNotExpressible = true;
        return;
      }
      TopicFilter filter = TopicFilter.of(text);
      if (rule.effect() == Effect.DENY) {
        publishDenies.add(new PublishGrant(Effect.DENY, filter, 2, null));
      } else {
        publishAllows.add(new PublishGrant(Effect.ALLOW, filter, rule.maxQos(), rule.retain()));
        publishNotExpressible |= rule.maxPayloadBytes() != Integer.MAX_VALUE;
      }
    }

    LegacyTries build() {
      return new LegacyTries(this);
    }
  }
}

package io.mqttguard.acl;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Test scope only: the pre-issue-20 engine, unchanged, kept as the reference of {@link LegacyAcl}.
 * A node of a topic trie: one level of rule filters. Children by literal level, a {@code +} child
 * and a {@code #} child; the allow and deny rules whose filter ends here. Built by {@link #add},
 * then {@link #freeze() frozen}; after that never mutated, so it is safely shared once published
 * through a final field.
 */
final class LegacyTrieNode {
  private static final Rule[] NONE = new Rule[0];

  /** Literal children; valid after {@link #freeze()}. */
  LegacyLevelMap literals = LegacyLevelMap.EMPTY;

  private @Nullable Map<String, LegacyTrieNode> building = new HashMap<>(4);
  @Nullable LegacyTrieNode plus;
  @Nullable LegacyTrieNode hash;
  Rule[] allows = NONE;
  Rule[] denies = NONE;

  /** The deny with the lowest ordinal in this subtree (this node included), or null. */
  @Nullable Rule firstDenyBelow;

  /** At the root only: like {@link #firstDenyBelow} but excluding first levels starting '$'. */
  @Nullable Rule firstDenyBelowNonDollar;

  private @Nullable List<Rule> allowList;
  private @Nullable List<Rule> denyList;

  /** Adds {@code rule} under the filter {@code levels}. */
  void add(String[] levels, Rule rule) {
    LegacyTrieNode node = this;
    for (String level : levels) {
      node = node.child(level);
    }
    if (rule.effect() == Effect.ALLOW) {
      if (node.allowList == null) {
        node.allowList = new ArrayList<>(2);
      }
      node.allowList.add(rule);
    } else {
      if (node.denyList == null) {
        node.denyList = new ArrayList<>(2);
      }
      node.denyList.add(rule);
    }
  }

  private LegacyTrieNode child(String level) {
    if (level.equals("+")) {
      if (plus == null) {
        plus = new LegacyTrieNode();
      }
      return plus;
    }
    if (level.equals("#")) {
      if (hash == null) {
        hash = new LegacyTrieNode();
      }
      return hash;
    }
    if (building == null) {
      throw new IllegalStateException("trie already frozen");
    }
    return building.computeIfAbsent(level, k -> new LegacyTrieNode());
  }

  /** Converts rule lists to arrays and computes the subtree deny summaries; returns this. */
  @CanIgnoreReturnValue
  LegacyTrieNode freeze() {
    freezeSubtree();
    Rule first = min(null, denies);
    first = min(first, plus);
    first = min(first, hash);
    Rule[] nonDollar = {first};
    literals.forEach(
        (level, child) -> {
          if (!level.startsWith("$")) {
            nonDollar[0] = lower(nonDollar[0], child.firstDenyBelow);
          }
        });
    firstDenyBelowNonDollar = nonDollar[0];
    return this;
  }

  private void freezeSubtree() {
    if (allowList != null) {
      allows = allowList.toArray(NONE);
      allowList = null;
    }
    if (denyList != null) {
      denies = denyList.toArray(NONE);
      denyList = null;
    }
    Rule first = min(null, denies);
    if (plus != null) {
      plus.freezeSubtree();
      first = min(first, plus);
    }
    if (hash != null) {
      hash.freezeSubtree();
      first = min(first, hash);
    }
    Map<String, LegacyTrieNode> children = building == null ? Map.of() : building;
    for (LegacyTrieNode child : children.values()) {
      child.freezeSubtree();
      first = min(first, child);
    }
    literals = new LegacyLevelMap(children);
    building = null;
    firstDenyBelow = first;
  }

  private static @Nullable Rule min(@Nullable Rule a, @Nullable LegacyTrieNode node) {
    return node == null ? a : lower(a, node.firstDenyBelow);
  }

  private static @Nullable Rule min(@Nullable Rule a, Rule[] rules) {
    Rule m = a;
    for (Rule r : rules) {
      m = lower(m, r);
    }
    return m;
  }

  static @Nullable Rule lower(@Nullable Rule a, @Nullable Rule b) {
    if (a == null) {
      return b;
    }
    return b == null || a.ordinal() <= b.ordinal() ? a : b;
  }
}

package io.mqttguard.acl;

import org.jspecify.annotations.Nullable;

/**
 * Test scope only: the pre-issue-20 engine, unchanged, kept as the reference of {@link LegacyAcl}.
 * One subscribe decision's walk over a {@link LegacyTrieNode} trie: collects the lowest-ordinal
 * matching deny, the lowest-ordinal allow whose constraints hold, and the lowest-ordinal allow
 * whose constraints were broken. Visits only trie nodes on paths that match the request, so the
 * cost does not depend on how many rules the policy has. Not thread-safe: one instance per
 * decision.
 */
final class LegacyWalk {
  private final int qos;

  @Nullable Rule deny;
  @Nullable Rule allow;
  @Nullable Rule violated;
  private int violation;

  private LegacyWalk(int qos) {
    this.qos = qos;
  }

  /** A walk for subscribe: only maxQos is checked. */
  static LegacyWalk subscribe(int qos) {
    return new LegacyWalk(qos);
  }

  /** The decision, given the default for "nothing matched". */
  Decision decision(Decision noMatch) {
    if (deny != null) {
      return deny.decision(Rule.OK);
    }
    if (allow != null) {
      return allow.decision(Rule.OK);
    }
    if (violated != null) {
      return violated.decision(violation);
    }
    return noMatch;
  }

  /** Collects allow rules whose filter contains the filter {@code levels} (no denies). */
  void containing(LegacyTrieNode node, String[] levels, int i) {
    boolean dollar = i == 0 && levels[0].startsWith("$");
    if (node.hash != null && !dollar) {
      visitAllows(node.hash);
    }
    if (i == levels.length) {
      visitAllows(node);
      return;
    }
    String level = levels[i];
    if (level.equals("#")) {
      // Only '#' covers '#', and at the root '+/#' too (both match every non-$ topic).
      if (i == 0 && node.plus != null && node.plus.hash != null) {
        visitAllows(node.plus.hash);
      }
      return;
    }
    if (!level.equals("+")) {
      LegacyTrieNode literal = node.literals.get(level);
      if (literal != null) {
        containing(literal, levels, i + 1);
      }
    }
    if (node.plus != null && !dollar) {
      containing(node.plus, levels, i + 1);
    }
  }

  /**
   * Collects deny rules whose filter intersects the filter {@code levels} (no allows). Subtrees
   * without a deny that could win are skipped, so allow-only parts of the trie cost nothing.
   */
  void intersectingDenies(LegacyTrieNode node, String[] levels, int i) {
    Rule below = node.firstDenyBelow;
    if (below == null || (deny != null && deny.ordinal() <= below.ordinal())) {
      return; // no deny below this node could change the result
    }
    boolean root = i == 0;
    boolean dollar = root && levels[0].startsWith("$");
    if (node.hash != null && !dollar) {
      denyIn(node.hash.denies);
    }
    if (i == levels.length) {
      denyIn(node.denies);
      return;
    }
    String level = levels[i];
    if (level.equals("#")) {
      deny = LegacyTrieNode.lower(deny, root ? node.firstDenyBelowNonDollar : node.firstDenyBelow);
      return;
    }
    if (level.equals("+")) {
      node.literals.forEach(
          (key, child) -> {
            if (!(root && key.startsWith("$"))) {
              intersectingDenies(child, levels, i + 1);
            }
          });
    } else {
      LegacyTrieNode literal = node.literals.get(level);
      if (literal != null) {
        intersectingDenies(literal, levels, i + 1);
      }
    }
    if (node.plus != null && !dollar) {
      intersectingDenies(node.plus, levels, i + 1);
    }
  }

  private void denyIn(Rule[] denies) {
    if (denies.length > 0) {
      for (Rule r : denies) {
        deny = LegacyTrieNode.lower(deny, r);
      }
    }
  }

  private void visitAllows(LegacyTrieNode node) {
    for (Rule r : node.allows) {
      int check = qos > r.maxQos() ? Rule.QOS : Rule.OK;
      if (check == Rule.OK) {
        allow = LegacyTrieNode.lower(allow, r);
      } else if (violated == null || r.ordinal() < violated.ordinal()) {
        violated = r;
        violation = check;
      }
    }
  }
}

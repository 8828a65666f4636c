package io.mqttguard.acl;

import org.jspecify.annotations.Nullable;

/**
 * One subscribe decision's walk over a {@link Trie}: collects the lowest-ordinal matching deny, the
 * lowest-ordinal allow whose constraints hold, and the lowest-ordinal allow whose constraints were
 * broken. Visits only trie nodes on paths that match the request, so the cost does not depend on
 * how many rules the policy has. Not thread-safe: one instance per decision.
 */
final class Walk {
  private final int qos;

  @Nullable Rule deny;
  @Nullable Rule allow;
  @Nullable Rule violated;
  private int violation;

  private Walk(int qos) {
    this.qos = qos;
  }

  /** A walk for subscribe: only maxQos is checked. */
  static Walk subscribe(int qos) {
    return new Walk(qos);
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
  void containing(Trie trie, int node, String[] levels, int i) {
    boolean dollar = i == 0 && levels[0].startsWith("$");
    int hash = trie.hash(node);
    if (hash != 0 && !dollar) {
      visitAllows(trie, hash);
    }
    if (i == levels.length) {
      visitAllows(trie, node);
      return;
    }
    String level = levels[i];
    int plus = trie.plus(node);
    if (level.equals("#")) {
      // Only '#' covers '#', and at the root '+/#' too (both match every non-$ topic).
      if (i == 0 && plus != 0 && trie.hash(plus) != 0) {
        visitAllows(trie, trie.hash(plus));
      }
      return;
    }
    if (!level.equals("+")) {
      int literal = trie.literal(node, level);
      if (literal != 0) {
        containing(trie, literal, levels, i + 1);
      }
    }
    if (plus != 0 && !dollar) {
      containing(trie, plus, levels, i + 1);
    }
  }

  /**
   * Collects deny rules whose filter intersects the filter {@code levels} (no allows). Subtrees
   * without a deny that could win are skipped, so allow-only parts of the trie cost nothing.
   */
  void intersectingDenies(Trie trie, int node, String[] levels, int i) {
    Rule below = trie.firstDenyBelow(node);
    if (below == null || (deny != null && deny.ordinal() <= below.ordinal())) {
      return; // no deny below this node could change the result
    }
    boolean root = i == 0;
    boolean dollar = root && levels[0].startsWith("$");
    int hash = trie.hash(node);
    if (hash != 0 && !dollar) {
      denyIn(trie, hash);
    }
    if (i == levels.length) {
      denyIn(trie, node);
      return;
    }
    String level = levels[i];
    if (level.equals("#")) {
      deny = Trie.lower(deny, root ? trie.firstDenyBelowNonDollar() : below);
      return;
    }
    if (level.equals("+")) {
      for (int c = trie.firstLiteral(node); c != 0; c = trie.nextLiteral(c)) {
        if (!(root && trie.dollar(c))) {
          intersectingDenies(trie, c, levels, i + 1);
        }
      }
    } else {
      int literal = trie.literal(node, level);
      if (literal != 0) {
        intersectingDenies(trie, literal, levels, i + 1);
      }
    }
    int plus = trie.plus(node);
    if (plus != 0 && !dollar) {
      intersectingDenies(trie, plus, levels, i + 1);
    }
  }

  private void denyIn(Trie trie, int node) {
    for (int i = trie.rulesStart(node), end = trie.allowsStart(node); i < end; i++) {
      deny = Trie.lower(deny, trie.rule(i));
    }
  }

  private void visitAllows(Trie trie, int node) {
    for (int i = trie.allowsStart(node), end = trie.rulesEnd(node); i < end; i++) {
      Rule r = trie.rule(i);
      int check = qos > r.maxQos() ? Rule.QOS : Rule.OK;
      if (check == Rule.OK) {
        allow = Trie.lower(allow, r);
      } else if (violated == null || r.ordinal() < violated.ordinal()) {
        violated = r;
        violation = check;
      }
    }
  }
}

package io.mqttguard.acl;

import org.jspecify.annotations.Nullable;

/**
 * Test scope only: the pre-issue-20 engine, unchanged, kept as the reference of {@link LegacyAcl}.
 * The publish/receive hot path: finds the deciding rule for a topic name in a {@link
 * LegacyTrieNode} trie without allocating. Visits only trie nodes on paths that match the topic, so
 * the cost does not depend on how many rules the policy has. Precedence: any matching deny, then an
 * allow whose constraints hold, then an allow whose constraints are broken; ties go to the lowest
 * ordinal. Stateless.
 */
final class LegacyTopicMatch {
  private LegacyTopicMatch() {}

  /** The publish decision over the shared tries and the client's own (if any). */
  static Decision publish(
      LegacyTries shared,
      @Nullable LegacyTries own,
      String topic,
      int qos,
      boolean retain,
      int size) {
    Rule best = best(shared.publish, topic, 0, true, qos, retain, size);
    if (own != null) {
      Rule mine = best(own.publish, topic, 0, true, qos, retain, size);
      best = better(best, mine, true, qos, retain, size);
    }
    return best == null ? Requests.NO_MATCH : best.decision(best.check(qos, retain, size));
  }

  /** The receive decision (no constraints) over the shared tries and the client's own. */
  static Decision receive(LegacyTries shared, @Nullable LegacyTries own, String topic) {
    Rule best = best(shared.receive, topic, 0, false, 0, false, 0);
    if (own != null) {
      best = better(best, best(own.receive, topic, 0, false, 0, false, 0), false, 0, false, 0);
    }
    return best == null ? Requests.NO_MATCH : best.decision(Rule.OK);
  }

  /**
   * The best rule of every filter that matches the valid topic name {@code topic}, whose current
   * level starts at {@code start} ({@code -1}: all levels consumed). Levels are looked up as
   * regions of {@code topic}.
   */
  private static @Nullable Rule best(
      LegacyTrieNode node,
      String topic,
      int start,
      boolean publish,
      int qos,
      boolean retain,
      int size) {
    boolean dollar = start == 0 && topic.charAt(0) == '$';
    Rule best = null;
    LegacyTrieNode hash = node.hash;
    if (hash != null && !dollar) {
      best = bestAt(hash, null, publish, qos, retain, size);
    }
    if (start < 0) {
      return bestAt(node, best, publish, qos, retain, size);
    }
    int end = start;
    int h = 0;
    int n = topic.length();
    for (char c; end < n && (c = topic.charAt(end)) != '/'; end++) {
      h = 31 * h + c;
    }
    int next = end < n ? end + 1 : -1;
    LegacyTrieNode literal = node.literals.get(topic, start, end, h);
    if (literal != null) {
      best =
          better(
              best,
              best(literal, topic, next, publish, qos, retain, size),
              publish,
              qos,
              retain,
              size);
    }
    LegacyTrieNode plus = node.plus;
    if (plus != null && !dollar) {
      best =
          better(
              best,
              best(plus, topic, next, publish, qos, retain, size),
              publish,
              qos,
              retain,
              size);
    }
    return best;
  }

  private static @Nullable Rule bestAt(
      LegacyTrieNode node,
      @Nullable Rule best,
      boolean publish,
      int qos,
      boolean retain,
      int size) {
    Rule b = best;
    for (Rule r : node.denies) {
      b = better(b, r, publish, qos, retain, size);
    }
    for (Rule r : node.allows) {
      b = better(b, r, publish, qos, retain, size);
    }
    return b;
  }

  private static @Nullable Rule better(
      @Nullable Rule a, @Nullable Rule b, boolean publish, int qos, boolean retain, int size) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return key(a, publish, qos, retain, size) <= key(b, publish, qos, retain, size) ? a : b;
  }

  /** Lower is better: denies first, then allows that hold, then broken allows; then ordinal. */
  private static long key(Rule r, boolean publish, int qos, boolean retain, int size) {
    long rank;
    if (r.effect() == Effect.DENY) {
      rank = 0;
    } else {
      rank = !publish || r.check(qos, retain, size) == Rule.OK ? 1 : 2;
    }
    return (rank << 32) | r.ordinal();
  }
}

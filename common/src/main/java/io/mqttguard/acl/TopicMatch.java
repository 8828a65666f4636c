package io.mqttguard.acl;

import org.jspecify.annotations.Nullable;

/**
 * The publish/receive hot path: finds the deciding rule for a topic name in a {@link Trie} without
 * allocating. Visits only trie nodes on paths that match the topic, so the cost does not depend on
 * how many rules the policy has. Precedence: any matching deny, then an allow whose constraints
 * hold, then an allow whose constraints are broken; ties go to the lowest ordinal. Stateless.
 */
final class TopicMatch {
  private TopicMatch() {}

  /** A request without constraints to check (receive). */
  private static final long RECEIVE = -1;

  /** The publish decision over the shared tries and the client's own (if any). */
  static Decision publish(
      Tries shared, @Nullable Tries own, String topic, int qos, boolean retain, int size) {
    long request = ((long) qos << 33) | (retain ? 1L << 32 : 0) | size;
    Rule best = best(shared.publish, Trie.ROOT, topic, 0, request);
    if (own != null) {
      best = better(best, best(own.publish, Trie.ROOT, topic, 0, request), request);
    }
    return best == null ? Requests.NO_MATCH : best.decision(best.check(qos, retain, size));
  }

  /** The receive decision (no constraints) over the shared tries and the client's own. */
  static Decision receive(Tries shared, @Nullable Tries own, String topic) {
    Rule best = best(shared.receive, Trie.ROOT, topic, 0, RECEIVE);
    if (own != null) {
      best = better(best, best(own.receive, Trie.ROOT, topic, 0, RECEIVE), RECEIVE);
    }
    return best == null ? Requests.NO_MATCH : best.decision(Rule.OK);
  }

  /**
   * The best rule of every filter under {@code node} that matches the valid topic name {@code
   * topic}, whose current level starts at {@code start} ({@code -1}: all levels consumed). Levels
   * are looked up as regions of {@code topic}. {@code request}: {@link #RECEIVE}, or a publish's
   * QoS, retain flag and payload size packed into one long (fewer arguments per level).
   */
  private static @Nullable Rule best(Trie trie, int node, String topic, int start, long request) {
    boolean dollar = start == 0 && topic.charAt(0) == '$';
    Rule best = null;
    int hash = trie.hash(node);
    if (hash != 0 && !dollar) {
      best = bestAt(trie, hash, null, request);
    }
    if (start < 0) {
      return bestAt(trie, node, best, request);
    }
    int end = start;
    int h = 0;
    int n = topic.length();
    for (char c; end < n && (c = topic.charAt(end)) != '/'; end++) {
      h = 31 * h + c;
    }
    int next = end < n ? end + 1 : -1;
    int literal = trie.literal(node, topic, start, end, h);
    if (literal != 0) {
      best = better(best, best(trie, literal, topic, next, request), request);
    }
    int plus = trie.plus(node);
    if (plus != 0 && !dollar) {
      best = better(best, best(trie, plus, topic, next, request), request);
    }
    return best;
  }

  private static @Nullable Rule bestAt(Trie trie, int node, @Nullable Rule best, long request) {
    Rule b = best;
    for (int i = trie.rulesStart(node), end = trie.rulesEnd(node); i < end; i++) {
      b = better(b, trie.rule(i), request);
    }
    return b;
  }

  private static @Nullable Rule better(@Nullable Rule a, @Nullable Rule b, long request) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return key(a, request) <= key(b, request) ? a : b;
  }

  /** Lower is better: denies first, then allows that hold, then broken allows; then ordinal. */
  private static long key(Rule r, long request) {
    long rank;
    if (r.effect() == Effect.DENY) {
      rank = 0;
    } else if (request == RECEIVE) {
      rank = 1;
    } else {
      int qos = (int) (request >>> 33);
      boolean retain = (request & (1L << 32)) != 0;
      rank = r.check(qos, retain, (int) request) == Rule.OK ? 1 : 2;
    }
    return (rank << 32) | r.ordinal();
  }
}

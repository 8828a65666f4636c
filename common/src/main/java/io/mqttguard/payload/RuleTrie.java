package io.mqttguard.payload;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Topic-filter trie over the rules. {@link #find(String)} returns the matching rule with the lowest
 * index, walking the topic string in place: no substring, no iterator, no allocation. MQTT §4.7.2:
 * a filter starting with a wildcard does not match a topic starting with {@code '$'}; a filter
 * ending in {@code '#'} also matches its parent level; empty levels are levels.
 *
 * <p>Layout (issue 20, like the ACL tries): the whole trie is one {@code int[]}; node {@code n} is
 * the record {@code nodes[n * STRIDE, (n + 1) * STRIDE)} (parent, interned level and its length,
 * {@code +} child, rank of the lowest rule ending in {@code '#'} here, rank of the lowest rule
 * ending exactly here, first literal child (negated when it is the only one), lowest rank in the
 * subtree). Ranks order the distinct rule indices, so the lowest rank is the lowest index. Node 0
 * is the root; child 0 means "none". Nodes are numbered in depth-first preorder, so a filter's path
 * lies in neighbouring records. Levels are stored once each in one pooled string. A node without
 * literal children answers from its record, one with a single literal child compares that child
 * directly; wider nodes find their literal child through one open-addressing table for the whole
 * trie keyed by (parent, level hash), whose slots carry a 32-bit fingerprint. Built by {@link
 * RuleTrieBuilder}; immutable and thread-safe.
 */
final class RuleTrie {
  static final int NONE = Integer.MAX_VALUE;
  static final int STRIDE = 8;
  static final int PARENT = 0;
  static final int LEVEL = 1;
  static final int LENGTH = 2;
  static final int PLUS = 3;
  static final int HASH_RULE = 4;
  static final int EXACT_RULE = 5;
  static final int FIRST = 6;
  static final int BELOW = 7;

  /** The root node. */
  static final int ROOT = 0;

  private final int[] nodes;
  private final long[] edges;
  private final int mask;
  private final int shift;
  private final String levels;
  private final Rule[] byRank;

  RuleTrie(List<Rule> rules) {
    RuleTrieBuilder built = new RuleTrieBuilder(rules);
    this.nodes = built.nodes();
    this.edges = built.edges();
    this.mask = edges.length - 1;
    this.shift = shift(edges.length);
    this.levels = built.levels();
    this.byRank = built.byRank();
  }

  /** The rule with the lowest index whose filters match {@code topic}, or {@code null}. */
  @Nullable Rule find(String topic) {
    if (nodes[ROOT * STRIDE + BELOW] == NONE) {
      return null;
    }
    boolean dollar = !topic.isEmpty() && topic.charAt(0) == '$';
    int best = match(ROOT, topic, 0, dollar, NONE);
    return best == NONE ? null : byRank[best];
  }

  /**
   * The lowest rank at or below {@code node} matching the rest of {@code topic}, or {@code bound}
   * if that is lower; subtrees whose lowest rank is not below the best so far are skipped.
   *
   * @param from start of the next level in {@code topic}, or -1 when all levels were consumed
   * @param noWildcard true at the root of a '$' topic
   */
  private int match(int node, String topic, int from, boolean noWildcard, int bound) {
    int[] nodes = this.nodes;
    int record = node * STRIDE;
    int best = noWildcard ? bound : Math.min(bound, nodes[record + HASH_RULE]);
    if (from < 0) {
      return Math.min(best, nodes[record + EXACT_RULE]);
    }
    int slash = topic.indexOf('/', from);
    int end = slash < 0 ? topic.length() : slash;
    int next = slash < 0 ? -1 : slash + 1;
    int child = literal(node, topic, from, end);
    if (child != 0 && nodes[child * STRIDE + BELOW] < best) {
      best = match(child, topic, next, false, best);
    }
    int plus = nodes[record + PLUS];
    if (plus != 0 && !noWildcard && nodes[plus * STRIDE + BELOW] < best) {
      best = match(plus, topic, next, false, best);
    }
    return best;
  }

  /** The literal child of {@code node} for the level {@code topic[start, end)}, or 0. */
  private int literal(int node, String topic, int start, int end) {
    int first = nodes[node * STRIDE + FIRST];
    if (first == 0) {
      return 0;
    }
    int length = end - start;
    if (first < 0) {
      return levelEquals(-first, topic, start, length) ? -first : 0;
    }
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + topic.charAt(i);
    }
    return probe(node, topic, start, length, h);
  }

  private int probe(int node, String topic, int start, int length, int h) {
    long[] edges = this.edges;
    int f = fingerprint(node, h);
    for (int i = slot(f, shift); ; i = (i + 1) & mask) {
      long slot = edges[i];
      if (slot == 0) {
        return 0;
      }
      int child = (int) slot;
      if ((int) (slot >>> 32) == f
          && nodes[child * STRIDE + PARENT] == node
          && levelEquals(child, topic, start, length)) {
        return child;
      }
    }
  }

  private boolean levelEquals(int child, String topic, int start, int length) {
    int record = child * STRIDE;
    return nodes[record + LENGTH] == length
        && levels.regionMatches(nodes[record + LEVEL], topic, start, length);
  }

  /**
   * The edge-table fingerprint of the literal child of {@code parent} whose level has the String
   * hash {@code h}: distinct for distinct level hashes under one parent and, since the multiplier
   * is odd, for distinct parents with one level hash.
   */
  static int fingerprint(int parent, int h) {
    return parent * 0x9E3779B9 ^ h;
  }

  /**
   * The first slot to probe for {@code fingerprint} in an edge table of {@code 1 << (32 - shift)}
   * slots (Fibonacci hashing: the high bits of a product, so neighbouring level hashes spread).
   */
  static int slot(int fingerprint, int shift) {
    return (fingerprint * 0x85EBCA6B) >>> shift;
  }

  /** The {@code shift} of {@link #slot} for an edge table of {@code size} slots (power of two). */
  static int shift(int size) {
    return Integer.numberOfLeadingZeros(size) + 1;
  }
}

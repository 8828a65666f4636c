package io.mqttguard.acl;

import org.jspecify.annotations.Nullable;

/**
 * A compiled topic trie of rule filters in one contiguous structure: node {@code n} is the record
 * {@code nodes[n * STRIDE, (n + 1) * STRIDE)} (parent, interned level and its length, {@code +}
 * child, {@code #} child, start of its rules, start of its allow rules, first literal child,
 * negated when it is the only one); the next literal sibling (only walked for subscribe) is in a
 * separate array. Node 0 is the root; child 0 means "none" (the root is nobody's child). Nodes are
 * numbered in depth-first preorder, so a filter's path lies in neighbouring records and the rules
 * of node {@code n} are {@code rules[RULES of n, RULES of n + 1)} (denies first, then allows).
 * Literal children are found through one open-addressing table for the whole trie keyed by (parent,
 * level hash), whose slots carry a 32-bit fingerprint so that a probe rarely touches a wrong node.
 * Built by {@link TrieBuilder}; immutable and thread-safe.
 */
final class Trie {
  static final int STRIDE = 8;
  static final int PARENT = 0;
  static final int LEVEL = 1;
  static final int LENGTH = 2;
  static final int PLUS = 3;
  static final int HASH = 4;
  static final int RULES = 5;
  static final int ALLOWS = 6;
  static final int FIRST = 7;

  /** The root node. */
  static final int ROOT = 0;

  private final int[] nodes;
  private final int[] next;
  private final long[] edges;
  private final int mask;
  private final int shift;
  private final Rule[] rules;
  private final @Nullable Rule[] firstDenyBelow;
  private final @Nullable Rule firstDenyBelowNonDollar;
  private final LevelPool levels;

  Trie(
      int[] nodes,
      int[] next,
      long[] edges,
      Rule[] rules,
      @Nullable Rule[] firstDenyBelow,
      @Nullable Rule firstDenyBelowNonDollar,
      LevelPool levels) {
    this.nodes = nodes;
    this.next = next;
    this.edges = edges;
    this.mask = edges.length - 1;
    this.shift = shift(edges.length);
    this.rules = rules;
    this.firstDenyBelow = firstDenyBelow;
    this.firstDenyBelowNonDollar = firstDenyBelowNonDollar;
    this.levels = levels;
  }

  /**
   * The literal child of {@code node} for {@code topic[start, end)} (String hash {@code h}). A node
   * without literal children answers from its own record, one with a single literal child ({@code
   * FIRST} negative) compares that child directly; only wider nodes probe the edge table.
   */
  int literal(int node, String topic, int start, int end, int h) {
    int[] nodes = this.nodes;
    int first = nodes[node * STRIDE + FIRST];
    if (first == 0) {
      return 0;
    }
    int length = end - start;
    if (first < 0) {
      int record = -first * STRIDE;
      return nodes[record + LENGTH] == length
              && levels.matches(nodes[record + LEVEL], length, topic, start)
          ? -first
          : 0;
    }
    return probe(nodes, node, topic, start, length, h);
  }

  private int probe(int[] nodes, int node, String topic, int start, int length, int h) {
    long[] edges = this.edges;
    int mask = this.mask;
    int f = fingerprint(node, h);
    for (int i = slot(f, shift); ; i = (i + 1) & mask) {
      long slot = edges[i];
      if (slot == 0) {
        return 0;
      }
      if ((int) (slot >>> 32) == f) {
        int child = (int) slot;
        int record = child * STRIDE;
        if (nodes[record + PARENT] == node
            && nodes[record + LENGTH] == length
            && levels.matches(nodes[record + LEVEL], length, topic, start)) {
          return child;
        }
      }
    }
  }

  /** The literal child of {@code node} for the whole level {@code level}, or 0. */
  int literal(int node, String level) {
    return literal(node, level, 0, level.length(), level.hashCode());
  }

  int plus(int node) {
    return nodes[node * STRIDE + PLUS];
  }

  int hash(int node) {
    return nodes[node * STRIDE + HASH];
  }

  /** Index of the first rule (deny rules first) of {@code node}. */
  int rulesStart(int node) {
    return nodes[node * STRIDE + RULES];
  }

  /** Index of the first allow rule of {@code node}. */
  int allowsStart(int node) {
    return nodes[node * STRIDE + ALLOWS];
  }

  /** End (exclusive) of the rules of {@code node}. */
  int rulesEnd(int node) {
    return nodes[(node + 1) * STRIDE + RULES];
  }

  Rule rule(int index) {
    return rules[index];
  }

  /** The first literal child of {@code node}, or 0. */
  int firstLiteral(int node) {
    return Math.abs(nodes[node * STRIDE + FIRST]);
  }

  /** The next literal child of the parent of {@code node}, or 0. */
  int nextLiteral(int node) {
    return next[node];
  }

  /** Whether the level of the literal node {@code node} starts with '$'. */
  boolean dollar(int node) {
    int record = node * STRIDE;
    return levels.dollar(nodes[record + LEVEL], nodes[record + LENGTH]);
  }

  /** The deny with the lowest ordinal in the subtree of {@code node} (itself included), or null. */
  @Nullable Rule firstDenyBelow(int node) {
    return firstDenyBelow[node];
  }

  /** Like {@link #firstDenyBelow} of the root, but excluding first levels starting with '$'. */
  @Nullable Rule firstDenyBelowNonDollar() {
    return firstDenyBelowNonDollar;
  }

  /**
   * The edge-table fingerprint of the literal child of {@code parent} with level hash {@code h}:
   * distinct for distinct level hashes under one parent and, since the multiplier is odd, for
   * distinct parents with one level hash. The multiplication depends only on {@code parent}, so it
   * overlaps with hashing the level.
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

  static @Nullable Rule lower(@Nullable Rule a, @Nullable Rule b) {
    if (a == null) {
      return b;
    }
    return b == null || a.ordinal() <= b.ordinal() ? a : b;
  }
}

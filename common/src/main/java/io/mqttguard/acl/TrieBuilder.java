package io.mqttguard.acl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects rule filters for one {@link Trie} in growable primitive arrays (no object per level),
 * then lays the trie out in depth-first preorder. Levels are interned in a {@link
 * LevelPool.Builder} shared by the tries of one {@link Tries}. Not thread-safe; use once.
 */
final class TrieBuilder {
  private final LevelPool.Builder pool;
  private int count = 1; // the root
  private int literals;
  private int[] parent = new int[16];
  private int[] level = new int[16];
  private int[] levelHash = new int[16];
  private int[] levelLength = new int[16];
  private int[] plus = new int[16];
  private int[] hash = new int[16];
  private int[] first = new int[16];
  private int[] next = new int[16];
  private final ChildTable children = new ChildTable();
  private int[] ruleNode = new int[16];
  private final List<Rule> ruleList = new ArrayList<>();

  TrieBuilder(LevelPool.Builder pool) {
    this.pool = pool;
    level[0] = -1;
  }

  /** Adds {@code rule} under the filter {@code levels}. */
  void add(String[] levels, Rule rule) {
    int node = Trie.ROOT;
    for (String l : levels) {
      node = child(node, l);
    }
    int n = ruleList.size();
    if (n == ruleNode.length) {
      ruleNode = Arrays.copyOf(ruleNode, n * 2);
    }
    ruleNode[n] = node;
    ruleList.add(rule);
  }

  private int child(int node, String l) {
    if (l.equals("+")) {
      if (plus[node] == 0) {
        int c = newNode(node, -1, 0); // first: it may replace the arrays
        plus[node] = c;
      }
      return plus[node];
    }
    if (l.equals("#")) {
      if (hash[node] == 0) {
        int c = newNode(node, -1, 0); // first: it may replace the arrays
        hash[node] = c;
      }
      return hash[node];
    }
    int id = pool.intern(l);
    int c = children.get(node, id);
    if (c == 0) {
      c = newNode(node, id, l.hashCode());
      levelLength[c] = l.length();
      literals++;
      next[c] = first[node];
      first[node] = c;
      children.put(node, id, c);
    }
    return c;
  }

  private int newNode(int parentNode, int levelId, int h) {
    if (count == parent.length) {
      int size = count * 2;
      parent = Arrays.copyOf(parent, size);
      level = Arrays.copyOf(level, size);
      levelHash = Arrays.copyOf(levelHash, size);
      levelLength = Arrays.copyOf(levelLength, size);
      plus = Arrays.copyOf(plus, size);
      hash = Arrays.copyOf(hash, size);
      first = Arrays.copyOf(first, size);
      next = Arrays.copyOf(next, size);
    }
    int n = count++;
    parent[n] = parentNode;
    level[n] = levelId;
    levelHash[n] = h;
    return n;
  }

  /** Lays out the trie; {@code levels} must be built from this builder's pool after all adds. */
  Trie build(LevelPool levels) {
    int[] order = preorder();
    int[] id = new int[count];
    for (int k = 0; k < count; k++) {
      id[order[k]] = k;
    }
    int[] nodes = new int[(count + 1) * Trie.STRIDE];
    int[] siblings = new int[count];
    Rule[] rules = placeRules(id, nodes);
    long[] edges = new long[tableSize(literals)];
    int mask = edges.length - 1;
    int shift = Trie.shift(edges.length);
    for (int k = 0; k < count; k++) {
      int o = order[k];
      int r = k * Trie.STRIDE;
      nodes[r + Trie.PARENT] = o == 0 ? -1 : id[parent[o]];
      nodes[r + Trie.LEVEL] = level[o];
      nodes[r + Trie.LENGTH] = levelLength[o];
      nodes[r + Trie.PLUS] = plus[o] == 0 ? 0 : id[plus[o]];
      nodes[r + Trie.HASH] = hash[o] == 0 ? 0 : id[hash[o]];
      nodes[r + Trie.FIRST] =
          first[o] == 0 ? 0 : next[first[o]] == 0 ? -id[first[o]] : id[first[o]];
      siblings[k] = next[o] == 0 ? 0 : id[next[o]];
      if (level[o] >= 0) {
        int f = Trie.fingerprint(id[parent[o]], levelHash[o]);
        int i = Trie.slot(f, shift);
        while (edges[i] != 0) {
          i = (i + 1) & mask;
        }
        edges[i] = ((long) f << 32) | k;
      }
    }
    @Nullable Rule[] below = firstDenyBelow(nodes, rules);
    Rule nonDollar = rootNonDollar(nodes, siblings, rules, below, levels);
    return new Trie(nodes, siblings, edges, rules, below, nonDollar, levels);
  }

  /** Old node ids in depth-first preorder: a node, its literal children, {@code +}, {@code #}. */
  private int[] preorder() {
    int[] order = new int[count];
    int[] stack = new int[count];
    int top = 0;
    int k = 0;
    stack[top++] = 0;
    while (top > 0) {
      int n = stack[--top];
      order[k++] = n;
      if (hash[n] != 0) {
        stack[top++] = hash[n];
      }
      if (plus[n] != 0) {
        stack[top++] = plus[n];
      }
      for (int c = first[n]; c != 0; c = next[c]) {
        stack[top++] = c;
      }
    }
    return order;
  }

  /** Fills RULES/ALLOWS of every record (and the sentinel's RULES); returns the rules in order. */
  private Rule[] placeRules(int[] id, int[] nodes) {
    int n = ruleList.size();
    int[] denies = new int[count];
    int[] allows = new int[count];
    for (int i = 0; i < n; i++) {
      int k = id[ruleNode[i]];
      if (ruleList.get(i).effect() == Effect.DENY) {
        denies[k]++;
      } else {
        allows[k]++;
      }
    }
    int start = 0;
    for (int k = 0; k < count; k++) {
      int r = k * Trie.STRIDE;
      int end = start + denies[k] + allows[k];
      nodes[r + Trie.RULES] = start;
      nodes[r + Trie.ALLOWS] = start + denies[k];
      denies[k] = start; // from here on: the next free slot of each kind
      allows[k] = nodes[r + Trie.ALLOWS];
      start = end;
    }
    nodes[count * Trie.STRIDE + Trie.RULES] = start;
    Rule[] rules = new Rule[n];
    for (int i = 0; i < n; i++) {
      int k = id[ruleNode[i]];
      Rule rule = ruleList.get(i);
      rules[rule.effect() == Effect.DENY ? denies[k]++ : allows[k]++] = rule;
    }
    return rules;
  }

  private static @Nullable Rule[] firstDenyBelow(int[] nodes, Rule[] rules) {
    int count = nodes.length / Trie.STRIDE - 1;
    @Nullable Rule[] below = new Rule[count];
    for (int k = count - 1; k >= 0; k--) {
      int r = k * Trie.STRIDE;
      Rule m = below[k];
      for (int i = nodes[r + Trie.RULES]; i < nodes[r + Trie.ALLOWS]; i++) {
        m = Trie.lower(m, rules[i]);
      }
      below[k] = m;
      if (k > 0) {
        int p = nodes[r + Trie.PARENT];
        below[p] = Trie.lower(below[p], m);
      }
    }
    return below;
  }

  private static @Nullable Rule rootNonDollar(
      int[] nodes, int[] siblings, Rule[] rules, @Nullable Rule[] below, LevelPool levels) {
    Rule m = null;
    for (int i = nodes[Trie.RULES]; i < nodes[Trie.ALLOWS]; i++) {
      m = Trie.lower(m, rules[i]);
    }
    int plusChild = nodes[Trie.PLUS];
    int hashChild = nodes[Trie.HASH];
    m = plusChild == 0 ? m : Trie.lower(m, below[plusChild]);
    m = hashChild == 0 ? m : Trie.lower(m, below[hashChild]);
    for (int c = Math.abs(nodes[Trie.FIRST]); c != 0; c = siblings[c]) {
      int r = c * Trie.STRIDE;
      if (!levels.dollar(nodes[r + Trie.LEVEL], nodes[r + Trie.LENGTH])) {
        m = Trie.lower(m, below[c]);
      }
    }
    return m;
  }

  /** The smallest power of two with room for {@code n} entries at a load factor below 2/3. */
  static int tableSize(int n) {
    return Integer.highestOneBit(Math.max(2, n + n / 2 + 1) - 1) << 1;
  }

  /** Builder-time map (parent node, level id) to child node; 0 = absent. */
  private static final class ChildTable {
    private long[] keys = new long[16];
    private int[] values = new int[16];
    private int size;

    int get(int parentNode, int levelId) {
      long key = key(parentNode, levelId);
      int mask = keys.length - 1;
      for (int i = slot(key, mask); values[i] != 0; i = (i + 1) & mask) {
        if (keys[i] == key) {
          return values[i];
        }
      }
      return 0;
    }

    void put(int parentNode, int levelId, int child) {
      if (++size * 2 > keys.length) {
        grow();
      }
      insert(key(parentNode, levelId), child);
    }

    private void insert(long key, int child) {
      int mask = keys.length - 1;
      int i = slot(key, mask);
      while (values[i] != 0) {
        i = (i + 1) & mask;
      }
      keys[i] = key;
      values[i] = child;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldValues = values;
      keys = new long[oldKeys.length * 2];
      values = new int[oldKeys.length * 2];
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldValues[i] != 0) {
          insert(oldKeys[i], oldValues[i]);
        }
      }
    }

    private static long key(int parentNode, int levelId) {
      return ((long) parentNode << 32) | (levelId & 0xFFFFFFFFL);
    }

    private static int slot(long key, int mask) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h >>> 32) & mask;
    }
  }
}

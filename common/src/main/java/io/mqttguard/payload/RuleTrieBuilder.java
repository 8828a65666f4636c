package io.mqttguard.payload;

import static io.mqttguard.payload.RuleTrie.NONE;
import static io.mqttguard.payload.RuleTrie.STRIDE;

import io.mqttguard.topic.TopicFilter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Lays out a {@link RuleTrie}: collects the filters of all rules in a draft tree, numbers its nodes
 * in depth-first preorder, and writes the node records, the edge table of the nodes with two or
 * more literal children, the pooled levels and the rules by rank. Runs once per configuration, off
 * the publish path. Not thread-safe; use once.
 */
final class RuleTrieBuilder {
  private final Rule[] byRank;
  private final Map<String, Integer> levelIds = new HashMap<>();
  private final StringBuilder levels = new StringBuilder();
  private final int[] nodes;
  private final long[] edges;

  RuleTrieBuilder(List<Rule> rules) {
    int[] ranks = distinctIndices(rules);
    this.byRank = new Rule[ranks.length];
    Draft root = new Draft(null, null);
    for (Rule r : rules) {
      int rank = Arrays.binarySearch(ranks, r.index());
      if (byRank[rank] == null) {
        byRank[rank] = r; // the first rule of an index in list order, as a linear scan finds it
      }
      for (TopicFilter f : r.topics()) {
        root.add(f, rank);
      }
    }
    List<Draft> order = preorder(root);
    this.nodes = new int[order.size() * STRIDE];
    this.edges = new long[tableSize(countFanOutChildren(order))];
    for (Draft d : order) {
      write(d);
    }
    fillBelow(order.size());
  }

  int[] nodes() {
    return nodes;
  }

  long[] edges() {
    return edges;
  }

  String levels() {
    return levels.toString();
  }

  Rule[] byRank() {
    return byRank;
  }

  private static int[] distinctIndices(List<Rule> rules) {
    return rules.stream().mapToInt(Rule::index).distinct().sorted().toArray();
  }

  /**
   * The drafts in depth-first preorder (a node, its literal children's subtrees, then {@code +}).
   */
  private static List<Draft> preorder(Draft root) {
    List<Draft> order = new ArrayList<>();
    ArrayDeque<Draft> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Draft d = stack.pop();
      d.id = order.size();
      order.add(d);
      Draft plus = d.plus;
      if (plus != null) {
        stack.push(plus);
      }
      List<Draft> literals = new ArrayList<>(d.literals.values());
      for (int i = literals.size() - 1; i >= 0; i--) {
        stack.push(literals.get(i));
      }
    }
    return order;
  }

  private static int countFanOutChildren(List<Draft> order) {
    int n = 0;
    for (Draft d : order) {
      n += d.literals.size() > 1 ? d.literals.size() : 0;
    }
    return n;
  }

  /** Writes the record of {@code d} and, if its parent has several literal children, its edge. */
  private void write(Draft d) {
    int r = d.id * STRIDE;
    Draft parent = d.parent;
    String level = d.level;
    Draft plus = d.plus;
    nodes[r + RuleTrie.PARENT] = parent == null ? -1 : parent.id;
    nodes[r + RuleTrie.LEVEL] = level == null ? -1 : intern(level);
    nodes[r + RuleTrie.LENGTH] = level == null ? 0 : level.length();
    nodes[r + RuleTrie.PLUS] = plus == null ? 0 : plus.id;
    nodes[r + RuleTrie.HASH_RULE] = d.hashRule;
    nodes[r + RuleTrie.EXACT_RULE] = d.exactRule;
    nodes[r + RuleTrie.FIRST] = firstLiteral(d);
    nodes[r + RuleTrie.BELOW] = Math.min(d.hashRule, d.exactRule);
    if (parent != null && level != null && parent.literals.size() > 1) {
      insertEdge(RuleTrie.fingerprint(parent.id, level.hashCode()), d.id);
    }
  }

  /** 0 without literal children, minus the child when it is the only one, else the first one. */
  private static int firstLiteral(Draft d) {
    if (d.literals.isEmpty()) {
      return 0;
    }
    int first = d.literals.values().iterator().next().id;
    return d.literals.size() == 1 ? -first : first;
  }

  private void insertEdge(int fingerprint, int child) {
    int mask = edges.length - 1;
    int i = RuleTrie.slot(fingerprint, RuleTrie.shift(edges.length));
    while (edges[i] != 0) {
      i = (i + 1) & mask;
    }
    edges[i] = ((long) fingerprint << 32) | child;
  }

  /** Propagates each node's lowest rank to its ancestors (children follow parents in preorder). */
  private void fillBelow(int count) {
    for (int k = count - 1; k > 0; k--) {
      int r = k * STRIDE;
      int p = nodes[r + RuleTrie.PARENT] * STRIDE + RuleTrie.BELOW;
      nodes[p] = Math.min(nodes[p], nodes[r + RuleTrie.BELOW]);
    }
  }

  /**
   * The offset of {@code level} in the pooled string, where each distinct level is stored once,
   * followed by a '/' (which no level contains) so that distinct levels, the empty one included,
   * get distinct offsets.
   */
  private int intern(String level) {
    Integer id = levelIds.get(level);
    if (id != null) {
      return id;
    }
    int next = levels.length();
    levelIds.put(level, next);
    levels.append(level).append('/');
    return next;
  }

  /** The smallest power of two with room for {@code n} entries at a load factor below 2/3. */
  static int tableSize(int n) {
    return Integer.highestOneBit(Math.max(2, n + n / 2 + 1) - 1) << 1;
  }

  /** A node of the draft tree; {@code level} is null for the root and {@code +} nodes. */
  private static final class Draft {
    final @Nullable Draft parent;
    final @Nullable String level;
    final Map<String, Draft> literals = new LinkedHashMap<>();
    @Nullable Draft plus;
    int hashRule = NONE;
    int exactRule = NONE;
    int id;

    Draft(@Nullable Draft parent, @Nullable String level) {
      this.parent = parent;
      this.level = level;
    }

    void add(TopicFilter filter, int rank) {
      Draft at = this;
      for (String level : filter.levels()) {
        if (level.equals("#")) {
          at.hashRule = Math.min(at.hashRule, rank);
          return;
        }
        at = at.child(level);
      }
      at.exactRule = Math.min(at.exactRule, rank);
    }

    private Draft child(String level) {
      if (level.equals("+")) {
        Draft p = plus;
        if (p == null) {
          p = new Draft(this, null);
          plus = p;
        }
        return p;
      }
      Draft c = literals.get(level);
      if (c == null) {
        c = new Draft(this, level);
        literals.put(level, c);
      }
      return c;
    }
  }
}

package io.mqttguard.payload;

import io.mqttguard.topic.TopicFilter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The object-per-level rule trie that {@link RuleTrie} replaced (issue 20), kept verbatim as the
 * oracle of {@code RuleTrieDifferentialTest}. Topic-filter trie over the rules. {@link
 * #find(String)} returns the matching rule with the lowest index, walking the topic string in
 * place: no substring, no iterator, no allocation. Literal children are looked up by the {@link
 * String#hashCode()} of the level, computed over the region. MQTT §4.7.2: a filter starting with a
 * wildcard does not match a topic starting with {@code '$'}. Immutable and thread-safe.
 */
final class LegacyRuleTrie {
  private static final int NONE = Integer.MAX_VALUE;

  private final Node root;
  private final Rule[] rules;

  LegacyRuleTrie(List<Rule> rules) {
    this.rules = rules.toArray(new Rule[0]);
    Builder b = new Builder();
    for (Rule r : rules) {
      for (TopicFilter f : r.topics()) {
        b.add(f, r.index());
      }
    }
    this.root = b.freeze();
  }

  /** The rule with the lowest index whose filters match {@code topic}, or {@code null}. */
  @Nullable Rule find(String topic) {
    if (rules.length == 0) {
      return null;
    }
    boolean dollar = !topic.isEmpty() && topic.charAt(0) == '$';
    int best = match(root, topic, 0, dollar);
    return best == NONE ? null : ruleAt(best);
  }

  private Rule ruleAt(int index) {
    for (Rule r : rules) {
      if (r.index() == index) {
        return r;
      }
    }
    throw new IllegalStateException("rule index not found: " + index);
  }

  /**
   * @param from start of the next level in {@code topic}, or -1 when all levels were consumed
   * @param noWildcard true at the root of a '$' topic
   */
  private static int match(Node node, String topic, int from, boolean noWildcard) {
    int best = noWildcard ? NONE : node.hashRule;
    if (from < 0) {
      return Math.min(best, node.exactRule);
    }
    int slash = topic.indexOf('/', from);
    int end = slash < 0 ? topic.length() : slash;
    int next = slash < 0 ? -1 : slash + 1;
    int h = hash(topic, from, end);
    int i = Arrays.binarySearch(node.hashes, h);
    if (i >= 0) {
      while (i > 0 && node.hashes[i - 1] == h) {
        i--;
      }
      for (; i < node.hashes.length && node.hashes[i] == h; i++) {
        String name = node.names[i];
        if (name.length() == end - from && topic.regionMatches(from, name, 0, name.length())) {
          best = Math.min(best, match(node.children[i], topic, next, false));
        }
      }
    }
    Node plus = node.plus;
    if (plus != null && !noWildcard) {
      best = Math.min(best, match(plus, topic, next, false));
    }
    return best;
  }

  private static int hash(String s, int from, int end) {
    int h = 0;
    for (int i = from; i < end; i++) {
      h = 31 * h + s.charAt(i);
    }
    return h;
  }

  private static final class Node {
    int hashRule = NONE;
    int exactRule = NONE;
    int[] hashes = new int[0];
    String[] names = new String[0];
    Node[] children = new Node[0];
    @Nullable Node plus;
  }

  /** Mutable construction nodes, frozen into {@link Node}s. */
  private static final class Builder {
    int hashRule = NONE;
    int exactRule = NONE;
    final Map<String, Builder> literals = new TreeMap<>();
    @Nullable Builder plus;

    void add(TopicFilter filter, int index) {
      Builder at = this;
      for (String level : filter.levels()) {
        if (level.equals("#")) {
          at.hashRule = Math.min(at.hashRule, index);
          return;
        }
        if (level.equals("+")) {
          if (at.plus == null) {
            at.plus = new Builder();
          }
          at = at.plus;
        } else {
          at = at.literals.computeIfAbsent(level, k -> new Builder());
        }
      }
      at.exactRule = Math.min(at.exactRule, index);
    }

    Node freeze() {
      Node n = new Node();
      n.hashRule = hashRule;
      n.exactRule = exactRule;
      var entries =
          literals.entrySet().stream()
              .sorted(
                  Map.Entry.comparingByKey((a, b) -> Integer.compare(a.hashCode(), b.hashCode())))
              .toList();
      n.hashes = new int[entries.size()];
      n.names = new String[entries.size()];
      n.children = new Node[entries.size()];
      for (int i = 0; i < entries.size(); i++) {
        n.names[i] = entries.get(i).getKey();
        n.hashes[i] = n.names[i].hashCode();
        n.children[i] = entries.get(i).getValue().freeze();
      }
      Builder p = plus;
      n.plus = p == null ? null : p.freeze();
      return n;
    }
  }
}

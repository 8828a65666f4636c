package io.mqttguard.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.topic.TopicFilter;
import io.mqttguard.topic.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The compact {@link RuleTrie} (issue 20) finds exactly the rule the object-per-level trie it
 * replaced ({@link LegacyRuleTrie}) finds: the very same {@link Rule} instance, or none, for random
 * rule sets with literals, {@code '+'}, {@code '#'}, '$' levels, empty levels, non-ASCII levels,
 * levels with equal {@link String#hashCode()} ("Aa", "BB": the edge table's collisions), shared
 * prefixes, rule indices with gaps (and repeats: the first rule of an index in list order wins) in
 * shuffled order, and many rules; and random topics, half of them derived from the filters
 * (wildcards replaced by levels) so that most of them match.
 */
class RuleTrieDifferentialTest {
  private static final List<String> LEVELS =
      List.of("a", "b", "", "$s", "Aa", "BB", "\u00e9", "a$", "c", "+", "+");
  private static final List<String> TOPIC_LEVELS =
      List.of("a", "b", "", "$s", "Aa", "BB", "\u00e9", "a$", "c", "x", "$");

  @Provide
  Arbitrary<List<List<String>>> ruleSets() {
    return filter().list().ofMinSize(1).ofMaxSize(3).list().ofMinSize(0).ofMaxSize(30);
  }

  private static Arbitrary<String> filter() {
    return Arbitraries.of(LEVELS)
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .flatMap(
            ls ->
                Arbitraries.of("", "", "/#", "#")
                    .map(tail -> tail.equals("#") ? wholeHash(ls) : String.join("/", ls) + tail))
        .filter(f -> TopicFilter.problem(f) == null);
  }

  /** "#" alone, or the levels before the last one followed by "#". */
  private static String wholeHash(List<String> levels) {
    List<String> head = levels.subList(0, levels.size() - 1);
    return head.isEmpty() ? "#" : String.join("/", head) + "/#";
  }

  @Provide
  Arbitrary<List<String>> topics() {
    return Arbitraries.of(TOPIC_LEVELS)
        .list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .map(l -> String.join("/", l))
        .filter(t -> TopicName.problem(t) == null)
        .list()
        .ofMinSize(1)
        .ofMaxSize(10);
  }

  @Property(tries = 500)
  void find_compactTrieFindsTheSameRuleAsTheLegacyTrie(
      @ForAll("ruleSets") List<List<String>> filters,
      @ForAll("topics") List<String> topics,
      @ForAll long seed) {
    Random random = new Random(seed);
    List<Rule> rules = rules(filters, random);
    assertSameFinds(rules, allTopics(topics, filters, random));
  }

  @Property(tries = 30)
  void find_manyRulesWithSharedPrefixes_compactTrieFindsTheSameRuleAsTheLegacyTrie(
      @ForAll @IntRange(min = 100, max = 3000) int count, @ForAll long seed) {
    Random random = new Random(seed);
    List<List<String>> filters = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      filters.add(List.of(deviceFilter(random)));
    }
    List<String> topics = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      topics.add(deviceFilter(random).replace("+", "x").replace("#", "y/z"));
    }
    List<Rule> rules = rules(filters, random);
    assertSameFinds(rules, allTopics(topics, filters, random));
  }

  /** Fleet-like filters: {@code site/N/dev/M/...} with some wildcards and '$' roots. */
  private static String deviceFilter(Random random) {
    String site = random.nextInt(20) == 0 ? "$site" : random.nextInt(30) == 0 ? "+" : "site";
    String n = random.nextInt(15) == 0 ? "+" : Integer.toString(random.nextInt(40));
    String dev = random.nextInt(10) == 0 ? "" : "dev";
    String m = Integer.toString(random.nextInt(300));
    String tail = List.of("", "/#", "/+", "/temp", "/Aa", "/BB", "//x").get(random.nextInt(7));
    return random.nextInt(50) == 0
        ? site + "/" + n + "/#"
        : site + "/" + n + "/" + dev + "/" + m + tail;
  }

  private static void assertSameFinds(List<Rule> rules, List<String> topics) {
    RuleTrie compact = new RuleTrie(rules);
    LegacyRuleTrie legacy = new LegacyRuleTrie(rules);
    for (String topic : topics) {
      assertThat(compact.find(topic)).as("find %s", topic).isSameAs(legacy.find(topic));
    }
  }

  /** One rule per filter list, indices ascending with gaps and repeats, in shuffled list order. */
  private static List<Rule> rules(List<List<String>> filters, Random random) {
    List<Rule> rules = new ArrayList<>();
    int index = random.nextInt(3);
    for (List<String> f : filters) {
      rules.add(rule(index, f));
      index += random.nextInt(3);
    }
    java.util.Collections.shuffle(rules, random);
    return rules;
  }

  private static Rule rule(int index, List<String> filters) {
    return new Rule(
        index,
        "r" + index,
        filters.stream().map(TopicFilter::of).toList(),
        Action.REQUIRE_PROTECTED,
        Set.of(),
        false,
        false,
        100);
  }

  /** {@code topics} plus, for every filter, a topic it matches (wildcards filled at random). */
  private static List<String> allTopics(
      List<String> topics, List<List<String>> filters, Random random) {
    List<String> all = new ArrayList<>(topics);
    for (List<String> fs : filters) {
      for (String f : fs) {
        String t = instantiate(f, random);
        if (TopicName.problem(t) == null) {
          all.add(t);
        }
      }
    }
    return all;
  }

  private static String instantiate(String filter, Random random) {
    List<String> out = new ArrayList<>();
    for (String level : filter.split("/", -1)) {
      if (level.equals("+")) {
        out.add(TOPIC_LEVELS.get(random.nextInt(TOPIC_LEVELS.size())));
      } else if (level.equals("#")) {
        for (int k = random.nextInt(3); k > 0; k--) {
          out.add(TOPIC_LEVELS.get(random.nextInt(TOPIC_LEVELS.size())));
        }
      } else {
        out.add(level);
      }
    }
    return out.isEmpty() ? "x" : String.join("/", out);
  }
}

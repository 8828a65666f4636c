package io.mqttguard.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.topic.TopicFilter;
import io.mqttguard.topic.TopicName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Rule lookup: lowest matching rule index wins, MQTT wildcard semantics including '$'. */
class RuleTrieTest {

  private static RuleTrie trie(String... filters) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < filters.length; i++) {
      rules.add(
          new Rule(
              i,
              "r" + i,
              Arrays.stream(filters[i].split(" ")).map(TopicFilter::of).toList(),
              Action.REQUIRE_PROTECTED,
              Set.of(),
              false,
              false,
              100));
    }
    return new RuleTrie(rules);
  }

  private static String find(RuleTrie t, String topic) {
    Rule r = t.find(topic);
    return r == null ? "-" : r.name();
  }

  @Test
  void find_lowestIndexWins_regardlessOfSpecificity() {
    RuleTrie t = trie("a/#", "a/b/c", "+/b/+");
    assertThat(find(t, "a/b/c")).isEqualTo("r0");
    assertThat(find(t, "x/b/c")).isEqualTo("r2");
    assertThat(find(t, "a")).as("# matches the parent level").isEqualTo("r0");
    assertThat(find(t, "x/y")).isEqualTo("-");
  }

  @Test
  void find_wildcardsAtRootDoNotMatchDollarTopics() {
    RuleTrie t = trie("#", "+/x", "$SYS/#");
    assertThat(find(t, "$SYS/x")).isEqualTo("r2");
    assertThat(find(t, "$other/x")).isEqualTo("-");
    assertThat(find(t, "a/x")).isEqualTo("r0");
  }

  @Test
  void find_emptyLevelsAndCollidingHashes() {
    RuleTrie t = trie("a//b", "/x", "Aa/1", "BB/2");
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    assertThat(find(t, "a//b")).isEqualTo("r0");
    assertThat(find(t, "/x")).isEqualTo("r1");
    assertThat(find(t, "Aa/1")).isEqualTo("r2");
    assertThat(find(t, "BB/2")).isEqualTo("r3");
    assertThat(find(t, "BB/1")).isEqualTo("-");
    assertThat(trie().find("a")).isNull();
  }

  @Property(tries = 300)
  void find_agreesWithTopicFilterMatching(
      @ForAll("filters") List<String> filters, @ForAll @StringLength(max = 12) String raw) {
    String topic = raw.replaceAll("[^ab/$]", "a");
    if (topic.isEmpty() || TopicName.problem(topic) != null) {
      return;
    }
    RuleTrie t = trie(filters.toArray(new String[0]));
    String expected = "-";
    for (int i = 0; i < filters.size(); i++) {
      if (TopicFilter.of(filters.get(i)).matches(TopicName.of(topic))) {
        expected = "r" + i;
        break;
      }
    }
    assertThat(find(t, topic)).as("%s in %s", topic, filters).isEqualTo(expected);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<List<String>> filters() {
    return net.jqwik.api.Arbitraries.of(
            "#", "a", "a/b", "a/+", "+/b", "a/#", "+", "+/+", "$a/#", "b//a", "/#", "a/b/#", "+/#")
        .list()
        .ofMinSize(1)
        .ofMaxSize(5);
  }
}

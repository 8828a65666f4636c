package io.mqttguard.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link TopicFilter#intersects} is exact: two filters intersect if and only if some topic is
 * matched by both, where the empty string (one empty level, not a valid topic name) counts as a
 * topic. Payload rules rely on it to decide which clients need the per-message check (a false "no"
 * would let a client publish on a protected topic unchecked); deny rules rely on it for SUBSCRIBE.
 *
 * <p>Filters have 1–4 levels from {@code a}, {@code b}, the empty level, {@code $s} and {@code +},
 * optionally ending in {@code #}; a witness topic then needs at most 4 levels from the same
 * literals (a wildcard position can take {@code a}), so searching all such topics is complete.
 */
class IntersectsPropertiesTest {
  private static final List<String> LITERALS = List.of("a", "b", "", "$s");
  private static final List<TopicName> UNIVERSE = universe(5);

  @Property(tries = 2000)
  void intersects_iffSomeTopicMatchesBoth(
      @ForAll("filters") String a, @ForAll("filters") String b) {
    TopicFilter fa = TopicFilter.of(a);
    TopicFilter fb = TopicFilter.of(b);
    boolean witness =
        UNIVERSE.stream().anyMatch(t -> fa.matches(t) && fb.matches(t))
            || (matchesEmptyString(fa) && matchesEmptyString(fb));

    assertThat(fa.intersects(fb)).as("%s ∩ %s", a, b).isEqualTo(witness);
    assertThat(fb.intersects(fa)).isEqualTo(witness);
  }

  /** Whether {@code f} would match the empty string (a single empty level). */
  private static boolean matchesEmptyString(TopicFilter f) {
    List<String> l = f.levels();
    boolean firstMatches = List.of("", "+", "#").contains(l.get(0));
    return firstMatches && (l.size() == 1 || (l.size() == 2 && l.get(1).equals("#")));
  }

  @Provide
  Arbitrary<String> filters() {
    Arbitrary<String> level = Arbitraries.of("a", "b", "", "$s", "+");
    return level
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .flatMap(
            levels ->
                Arbitraries.of(true, false)
                    .map(hash -> String.join("/", levels) + (hash ? "/#" : "")))
        .filter(f -> TopicFilter.problem(f) == null);
  }

  /** Every valid topic of 1..{@code maxLevels} levels over {@link #LITERALS}. */
  private static List<TopicName> universe(int maxLevels) {
    List<TopicName> all = new ArrayList<>();
    for (String l : LITERALS) {
      add(all, l);
    }
    List<String> frontier = new ArrayList<>(LITERALS);
    for (int depth = 2; depth <= maxLevels; depth++) {
      List<String> next = new ArrayList<>();
      for (String prefix : frontier) {
        for (String l : LITERALS) {
          String t = prefix + "/" + l;
          next.add(t);
          add(all, t);
        }
      }
      frontier = next;
    }
    return all;
  }

  private static void add(List<TopicName> all, String topic) {
    if (TopicName.problem(topic) == null) {
      all.add(TopicName.of(topic));
    }
  }
}

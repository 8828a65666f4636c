package io.mqttguard.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.topic.TopicFilter;
import io.mqttguard.topic.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The compact tries (issue 20) decide exactly like the object-per-level tries they replaced ({@link
 * LegacyAcl}): the very same {@link Decision} instance for every publish, receive and subscribe
 * request, on random policies of two roles with substitutions, share groups, constraints, empty
 * levels, '$' levels, non-ASCII levels and levels with equal {@link String#hashCode()} ("Aa",
 * "BB"), so that the edge table's collision handling is exercised.
 */
class TrieDifferentialTest {
  private static final List<String> LEVELS =
      List.of("a", "b", "", "$s", "Aa", "BB", "\u00e9", "a$", "${client.id}", "+");
  private static final List<String> TOPIC_LEVELS =
      List.of("a", "b", "", "$s", "Aa", "BB", "\u00e9", "a$", "c1", "c2", "x");

  @Provide
  Arbitrary<String> policies() {
    Arbitrary<String> rule =
        Combinators.combine(
                Arbitraries.of("allow", "allow", "deny"),
                Arbitraries.of(Action.class).set().ofMinSize(1),
                ruleTopics().list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(-1, 2),
                Arbitraries.of("", ",'retain':true", ",'retain':false", ",'maxPayloadBytes':10"),
                Arbitraries.of("", "", ",'shareGroups':['g']", ",'shareGroups':['g','h']"))
            .as(TrieDifferentialTest::ruleJson);
    Arbitrary<String> role = rule.list().ofMinSize(0).ofMaxSize(25).map(l -> String.join(",", l));
    return Combinators.combine(role, role)
        .as(
            (r, s) ->
                "{'roles':{'r':{'rules':["
                    + r
                    + "]},'s':{'rules':["
                    + s
                    + "]}},'anonymous':{'roles':['s']}}");
  }

  private static Arbitrary<String> ruleTopics() {
    return Arbitraries.of(LEVELS)
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .flatMap(
            ls ->
                Arbitraries.of("", "/#", "#")
                    .map(
                        tail -> {
                          String head = String.join("/", ls);
                          return tail.equals("#") && ls.size() > 1 ? "#" : head + tail;
                        }))
        .filter(f -> TopicFilter.problem(f.replace("${client.id}", "c")) == null);
  }

  private static String ruleJson(
      String effect, Set<Action> actions, List<String> topics, int qos, String pub, String g) {
    StringBuilder s = new StringBuilder("{'effect':'" + effect + "','actions':[");
    s.append(String.join(",", actions.stream().map(a -> "'" + a.jsonName() + "'").toList()));
    s.append("],'topics':[");
    s.append(String.join(",", topics.stream().map(t -> "'" + t + "'").toList())).append("]");
    boolean allow = effect.equals("allow");
    boolean publish = actions.contains(Action.PUBLISH);
    boolean subscribe = actions.contains(Action.SUBSCRIBE);
    if (allow && qos >= 0 && (publish || subscribe)) {
      s.append(",'maxQos':").append(qos);
    }
    if (allow && publish) {
      s.append(pub);
    }
    if (actions.equals(Set.of(Action.SUBSCRIBE))) {
      s.append(g);
    }
    return s.append('}').toString();
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
        .ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<String>> filters() {
    Arbitrary<String> plain =
        Arbitraries.of(concat(TOPIC_LEVELS, List.of("+", "+")))
            .list()
            .ofMinSize(1)
            .ofMaxSize(5)
            .flatMap(l -> Arbitraries.of("", "/#").map(t -> String.join("/", l) + t));
    return Arbitraries.oneOf(plain, plain.map(f -> "$share/g/" + f), Arbitraries.of("#", "+/#"))
        .filter(f -> TopicFilter.problem(f.startsWith("$share/") ? f.substring(9) : f) == null)
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  @Provide
  Arbitrary<ClientIdentity> identities() {
    return Combinators.combine(
            Arbitraries.of("c1", "c2", "a", "$s", "\u00e9"),
            Arbitraries.of(Set.of("r"), Set.of("s"), Set.of("r", "s"), Set.of("r", "undefined")),
            Arbitraries.of(false, false, false, true))
        .as((id, roles, anonymous) -> anonymous ? ClientIdentity.anonymous(id) : user(id, roles));
  }

  private static ClientIdentity user(String clientId, Set<String> roles) {
    return ClientIdentity.user(clientId, "u", roles);
  }

  @Property(tries = 300)
  void publishAndReceive_compactTriesDecideLikeTheLegacyTries(
      @ForAll("policies") String json,
      @ForAll("identities") ClientIdentity identity,
      @ForAll("topics") List<String> topics) {
    AclPolicy policy = Acl.policy(json);
    ClientPolicy compact = policy.compile(identity);
    ClientPolicy legacy = LegacyAcl.compile(policy, identity);
    for (String topic : topics) {
      for (int qos = 0; qos <= 2; qos++) {
        for (int size : new int[] {0, 10, 11}) {
          assertThat(compact.publish(topic, qos, qos == 1, size))
              .as("publish %s qos %d size %d", topic, qos, size)
              .isSameAs(legacy.publish(topic, qos, qos == 1, size));
        }
      }
      assertThat(compact.receive(topic)).as("receive %s", topic).isSameAs(legacy.receive(topic));
    }
  }

  @Property(tries = 300)
  void subscribe_compactTriesDecideLikeTheLegacyTries(
      @ForAll("policies") String json,
      @ForAll("identities") ClientIdentity identity,
      @ForAll("filters") List<String> filters,
      @ForAll @IntRange(min = 0, max = 2) int qos) {
    AclPolicy policy = Acl.policy(json);
    ClientPolicy compact = policy.compile(identity);
    ClientPolicy legacy = LegacyAcl.compile(policy, identity);
    for (String filter : filters) {
      assertThat(compact.subscribe(filter, qos))
          .as("subscribe %s qos %d", filter, qos)
          .isSameAs(legacy.subscribe(filter, qos));
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}

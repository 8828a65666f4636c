package io.mqttguard.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.topic.SharedSubscription;
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
import org.jspecify.annotations.Nullable;

/**
 * The trie engine agrees with a naive oracle that applies the documented semantics rule by rule
 * with {@link TopicFilter}'s set operations: default deny, deny wins regardless of order, lowest
 * rule ordinal reported, receive granted by subscribe, $-topics, empty levels, shared groups.
 */
class DecisionPropertiesTest {

  /** A generated rule: effect, actions, topics, constraints, share groups. */
  record GenRule(
      boolean allow,
      Set<Action> actions,
      List<String> topics,
      int maxQos,
      @Nullable Boolean retain,
      @Nullable List<String> groups) {
    String json() {
      StringBuilder s = new StringBuilder("{'effect':'" + (allow ? "allow" : "deny") + "'");
      s.append(",'actions':[");
      s.append(String.join(",", actions.stream().map(a -> "'" + a.jsonName() + "'").toList()));
      s.append("],'topics':[");
      s.append(String.join(",", topics.stream().map(t -> "'" + t + "'").toList())).append("]");
      if (effectiveMaxQos() < 2) {
        s.append(",'maxQos':").append(maxQos);
      }
      if (allow && retain != null && actions.contains(Action.PUBLISH)) {
        s.append(",'retain':").append(retain);
      }
      if (groups != null) {
        s.append(",'shareGroups':[")
            .append(String.join(",", groups.stream().map(g -> "'" + g + "'").toList()))
            .append("]");
      }
      return s.append("}").toString();
    }

    int effectiveMaxQos() {
      boolean applies = actions.contains(Action.PUBLISH) || actions.contains(Action.SUBSCRIBE);
      return (allow && applies) ? maxQos : 2;
    }

    @Nullable Boolean effectiveRetain() {
      return (allow && actions.contains(Action.PUBLISH)) ? retain : null;
    }
  }

  @Provide
  Arbitrary<String> filters() {
    Arbitrary<String> level = Arbitraries.of("a", "b", "", "$s", "+");
    return level
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .flatMap(
            ls ->
                Arbitraries.of(true, false)
                    .map(
                        hash -> {
                          List<String> all = new ArrayList<>(ls);
                          if (hash) {
                            all.add("#");
                          }
                          return String.join("/", all);
                        }))
        .filter(f -> !f.isEmpty());
  }

  @Provide
  Arbitrary<String> topics() {
    return Arbitraries.of("a", "b", "", "$s")
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .map(l -> String.join("/", l))
        .filter(t -> TopicName.problem(t) == null);
  }

  @Provide
  Arbitrary<List<GenRule>> rules() {
    Arbitrary<Set<Action>> actions = Arbitraries.of(Action.class).set().ofMinSize(1);
    Arbitrary<GenRule> rule =
        Combinators.combine(
                Arbitraries.of(true, true, false),
                actions,
                filters().list().ofMinSize(1).ofMaxSize(2),
                Arbitraries.integers().between(0, 2),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.6),
                Arbitraries.of("g", "h")
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(2)
                    .uniqueElements()
                    .injectNull(0.7))
            .as(
                (allow, acts, tops, q, ret, groups) ->
                    new GenRule(
                        allow,
                        acts,
                        tops,
                        q,
                        ret,
                        groups != null && acts.equals(Set.of(Action.SUBSCRIBE)) ? groups : null));
    return rule.list().ofMinSize(1).ofMaxSize(6);
  }

  private static ClientPolicy compile(List<GenRule> rules) {
    String body = String.join(",", rules.stream().map(GenRule::json).toList());
    return Acl.role(body).compile(ClientIdentity.user("c", "u", Set.of("r")));
  }

  @Property(tries = 400)
  void publish_agreesWithOracle(
      @ForAll("rules") List<GenRule> rules,
      @ForAll("topics") String topic,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 2) int qos,
      @ForAll boolean retain) {
    Decision d = compile(rules).publish(topic, qos, retain, 5);
    Oracle o = new Oracle();
    TopicName t = TopicName.of(topic);
    for (int i = 0; i < rules.size(); i++) {
      GenRule r = rules.get(i);
      if (r.actions().contains(Action.PUBLISH) && anyMatches(r, t)) {
        boolean ok =
            qos <= r.effectiveMaxQos()
                && (r.effectiveRetain() == null || r.effectiveRetain() == retain);
        o.see(i, r.allow(), ok);
      }
    }
    o.check(d);
  }

  @Property(tries = 400)
  void receive_agreesWithOracle(
      @ForAll("rules") List<GenRule> rules, @ForAll("topics") String topic) {
    Decision d = compile(rules).receive(topic);
    Oracle o = new Oracle();
    TopicName t = TopicName.of(topic);
    for (int i = 0; i < rules.size(); i++) {
      GenRule r = rules.get(i);
      boolean viaSubscribe =
          r.actions().contains(Action.SUBSCRIBE) && (r.groups() == null || r.allow());
      if ((r.actions().contains(Action.RECEIVE) || viaSubscribe) && anyMatches(r, t)) {
        o.see(i, r.allow(), true);
      }
    }
    o.check(d);
  }

  @Property(tries = 600)
  void subscribe_agreesWithOracle(
      @ForAll("rules") List<GenRule> rules,
      @ForAll("filters") String filter,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 2) int qos,
      @ForAll("groupOrNone") String group) {
    String request = group.isEmpty() ? filter : SharedSubscription.PREFIX + group + "/" + filter;
    Decision d = compile(rules).subscribe(request, qos);
    Oracle o = new Oracle();
    TopicFilter s = TopicFilter.of(filter);
    for (int i = 0; i < rules.size(); i++) {
      GenRule r = rules.get(i);
      if (!r.actions().contains(Action.SUBSCRIBE)
          || (r.groups() != null && !r.groups().contains(group))) {
        continue;
      }
      for (String f : r.topics()) {
        TopicFilter rf = TopicFilter.of(f);
        if (r.allow() && rf.contains(s)) {
          o.see(i, true, qos <= r.effectiveMaxQos());
        } else if (!r.allow() && rf.intersects(s)) {
          o.see(i, false, true);
        }
      }
    }
    o.check(d);
  }

  @Provide
  Arbitrary<String> groupOrNone() {
    return Arbitraries.of("", "g", "h", "x");
  }

  @Property(tries = 300)
  void decisions_neverThrow_onAnyInput(
      @ForAll("rules") List<GenRule> rules,
      @ForAll String any,
      @ForAll int qos,
      @ForAll int size,
      @ForAll boolean retain) {
    ClientPolicy p = compile(rules);
    for (String s : List.of(any, "$share/" + any, any + "/#", "$share/g/" + any)) {
      assertThat(p.publish(s, qos, retain, size)).isNotNull();
      assertThat(p.subscribe(s, qos)).isNotNull();
      assertThat(p.receive(s)).isNotNull();
      assertThat(p.explain(new AccessRequest.Subscribe(s, qos)).decision())
          .isEqualTo(p.subscribe(s, qos));
      assertThat(p.explain(new AccessRequest.Publish(s, qos, retain, size)).decision())
          .isEqualTo(p.publish(s, qos, retain, size));
    }
  }

  private static boolean anyMatches(GenRule r, TopicName t) {
    return r.topics().stream().anyMatch(f -> TopicFilter.of(f).matches(t));
  }

  /** Lowest-ordinal deny, else lowest allow that holds, else lowest violated allow, else none. */
  private static final class Oracle {
    int deny = Integer.MAX_VALUE;
    int allow = Integer.MAX_VALUE;
    int violated = Integer.MAX_VALUE;

    void see(int index, boolean isAllow, boolean constraintsHold) {
      if (!isAllow) {
        deny = Math.min(deny, index);
      } else if (constraintsHold) {
        allow = Math.min(allow, index);
      } else {
        violated = Math.min(violated, index);
      }
    }

    void check(Decision d) {
      net.jqwik.api.statistics.Statistics.collect(d.basis());
      if (deny != Integer.MAX_VALUE) {
        assertThat(d.basis()).as(d.reason()).isEqualTo(Decision.Basis.DENY_RULE);
        assertThat(d.rule()).isEqualTo(new RuleRef("r", deny));
      } else if (allow != Integer.MAX_VALUE) {
        assertThat(d.basis()).as(d.reason()).isEqualTo(Decision.Basis.ALLOW_RULE);
        assertThat(d.rule()).isEqualTo(new RuleRef("r", allow));
      } else if (violated != Integer.MAX_VALUE) {
        assertThat(d.basis()).as(d.reason()).isEqualTo(Decision.Basis.CONSTRAINT_VIOLATED);
        assertThat(d.rule()).isEqualTo(new RuleRef("r", violated));
      } else {
        assertThat(d.basis()).as(d.reason()).isEqualTo(Decision.Basis.NO_MATCHING_RULE);
      }
    }
  }
}

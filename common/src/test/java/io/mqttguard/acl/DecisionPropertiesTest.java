package io.mqttguard.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.acl.RuleArbitraries.GenRule;
import io.mqttguard.topic.SharedSubscription;
import io.mqttguard.topic.TopicFilter;
import io.mqttguard.topic.TopicName;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The trie engine agrees with a naive oracle that applies the documented semantics rule by rule
 * with {@link TopicFilter}'s set operations: default deny, deny wins regardless of order, lowest
 * rule ordinal reported, receive granted by subscribe, $-topics, empty levels, shared groups.
 */
class DecisionPropertiesTest {

  @Provide
  Arbitrary<String> filters() {
    return RuleArbitraries.filters();
  }

  @Provide
  Arbitrary<String> topics() {
    return RuleArbitraries.topics();
  }

  @Provide
  Arbitrary<List<GenRule>> rules() {
    return RuleArbitraries.rules();
  }

  private static ClientPolicy compile(List<GenRule> rules) {
    return RuleArbitraries.compile(rules);
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

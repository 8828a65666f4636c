package io.mqttguard.acl;

import static io.mqttguard.acl.Acl.client;
import static io.mqttguard.acl.Acl.role;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.identity.ClientIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Specification of {@link ClientPolicy#explain}: what the trace lists, and its notes. */
class ExplanationTraceTest {

  private static List<String> messages(Explanation e) {
    return e.steps().stream().map(Explanation.Step::message).toList();
  }

  @Test
  void explain_invalidRequest_saysItWasRejectedBeforeRules() {
    ClientPolicy p = client("{'effect':'allow','actions':['publish'],'topics':['#']}");
    Explanation e = p.explain(new AccessRequest.Publish("a/+", 0, false, 0));
    assertThat(e.decision().basis()).isEqualTo(Decision.Basis.INVALID_REQUEST);
    assertThat(messages(e)).hasSize(1);
    assertThat(messages(e).get(0)).startsWith("request rejected before rules: invalid: ");
  }

  private static ClientPolicy manyUnmatched(int count) {
    List<String> rules = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rules.add("{'effect':'allow','actions':['publish'],'topics':['other" + i + "']}");
    }
    return client(String.join(",", rules));
  }

  @Test
  void explain_fiftyUnmatchedTopics_areAllListedWithoutSummary() {
    Explanation e = manyUnmatched(50).explain(new AccessRequest.Publish("x", 0, false, 0));
    List<String> m = messages(e);
    assertThat(m.stream().filter(s -> s.endsWith("does not apply"))).hasSize(50);
    assertThat(m.stream().filter(s -> s.contains("more rule topics"))).isEmpty();
  }

  @Test
  void explain_moreThanFiftyUnmatchedTopics_listsFiftyAndCountsTheRest() {
    Explanation e = manyUnmatched(52).explain(new AccessRequest.Publish("x", 0, false, 0));
    List<String> m = messages(e);
    assertThat(m.stream().filter(s -> s.endsWith("does not apply"))).hasSize(50);
    assertThat(m).contains("2 more rule topics do not apply");
    assertThat(m.get(m.size() - 1)).startsWith("decision: no rule allows this");
  }

  @Test
  void explain_hostileValueInDeny_showsTheWidenedDenyMatching() {
    AclPolicy acl =
        role(
            "{'effect':'allow','actions':['publish'],'topics':['a/#']},"
                + "{'effect':'deny','actions':['publish'],'topics':['a/${client.id}/b']},"
                + "{'effect':'allow','actions':['publish'],'topics':['c/${client.id}']}");
    ClientPolicy p = acl.compile(ClientIdentity.user("x/y", "u", Set.of("r")));
    Explanation e = p.explain(new AccessRequest.Publish("a/q", 0, false, 0));
    assertThat(e.decision().basis()).isEqualTo(Decision.Basis.DENY_RULE);
    assertThat(e.render())
        .contains("r[1]: deny 'a/#': matches")
        .contains("r[1]: a/${client.id}/b: ${client.id} contains '/'; deny widened to 'a/#'")
        .contains("r[2]: c/${client.id}: ${client.id} contains '/'; rule not applied")
        .doesNotContain("allow 'c/");
  }

  @Test
  void explain_unusableSubstitutionValues_areNamedPrecisely() {
    AclPolicy acl = role("{'effect':'allow','actions':['publish'],'topics':['a/${attr.v}']}");
    Map<String, String> expected =
        Map.of(
            "", "${attr.v} is empty; rule not applied",
            "p+q", "${attr.v} contains '+'",
            "p#", "${attr.v} contains '#'",
            "p\u0000", "${attr.v} contains U+0000",
            "\ud800", "${attr.v} is not valid in a topic (must be well-formed UTF-8");
    expected.forEach(
        (value, note) -> {
          ClientPolicy p = acl.compile(Acl.withAttributes("c", Map.of("v", value)));
          assertThat(p.explain(new AccessRequest.Receive("a/b")).render()).as(value).contains(note);
        });
    ClientPolicy none = acl.compile(Acl.withAttributes("c", Map.of()));
    assertThat(none.explain(new AccessRequest.Receive("a/b")).render())
        .contains("${attr.v} has no value for this client; rule not applied");
  }

  @Test
  void explain_dollarValueInFirstLevelOfAllow_isNamed() {
    AclPolicy acl = role("{'effect':'allow','actions':['publish'],'topics':['${client.id}/x']}");
    ClientPolicy p = acl.compile(ClientIdentity.user("$SYS", "u", Set.of("r")));
    assertThat(p.explain(new AccessRequest.Receive("a")).render())
        .contains("${client.id} starts with '$' in the first level (would reach $-topics)");
    assertThat(p.publish("$SYS/x", 0, false, 0).allowed()).isFalse();
  }

  @Test
  void explain_receive_considersAllowSubscribeRulesOfShareGroupsButNotTheirDenies() {
    ClientPolicy p =
        client(
            "{'effect':'allow','actions':['subscribe'],'topics':['jobs/#'],'shareGroups':['w']},"
                + "{'effect':'deny','actions':['subscribe'],'topics':['jobs/x'],'shareGroups':['w']},"
                + "{'effect':'deny','actions':['publish'],'topics':['jobs/x']}");
    Explanation e = p.explain(new AccessRequest.Receive("jobs/x"));
    assertThat(e.decision().allowed()).isTrue();
    assertThat(e.steps()).extracting(Explanation.Step::rule).contains(new RuleRef("r", 0));
    assertThat(e.steps())
        .extracting(Explanation.Step::rule)
        .doesNotContain(new RuleRef("r", 1), new RuleRef("r", 2));
  }

  @Test
  void explain_sharedSubscribe_considersOnlyRulesOfThatGroupOrWithoutGroups() {
    ClientPolicy p =
        client(
            "{'effect':'allow','actions':['subscribe'],'topics':['jobs/#'],'shareGroups':['w']},"
                + "{'effect':'allow','actions':['subscribe'],'topics':['jobs/#'],'shareGroups':['v']},"
                + "{'effect':'deny','actions':['subscribe'],'topics':['jobs/secret']}");
    Explanation e = p.explain(new AccessRequest.Subscribe("$share/w/jobs/+", 1));
    assertThat(e.decision()).isEqualTo(p.subscribe("$share/w/jobs/+", 1));
    assertThat(e.decision().basis()).isEqualTo(Decision.Basis.DENY_RULE);
    assertThat(e.render())
        .contains("r[0]: allow 'jobs/#': contains the requested filter")
        .contains("r[2]: deny 'jobs/secret': overlaps the requested filter")
        .doesNotContain("r[1]");
    Explanation plain = p.explain(new AccessRequest.Subscribe("jobs/+", 1));
    assertThat(plain.render()).doesNotContain("r[0]", "r[1]").contains("r[2]");
  }

  @Test
  void explain_subscribeAboveMaxQos_saysWhichConstraintIsBroken() {
    ClientPolicy p =
        client("{'effect':'allow','actions':['subscribe'],'topics':['a/#'],'maxQos':0}");
    Explanation e = p.explain(new AccessRequest.Subscribe("a/b", 1));
    assertThat(e.render())
        .contains("r[0]: allow 'a/#': contains the requested filter, but QoS above maxQos 0");
    assertThat(p.explain(new AccessRequest.Subscribe("b", 0)).render())
        .contains("r[0]: allow 'a/#': does not apply");
  }

  @Test
  void explain_publishBreakingAConstraint_saysMatchesButWhy() {
    ClientPolicy p =
        client(
            "{'effect':'allow','actions':['publish'],'topics':['a/#'],'maxPayloadBytes':10},"
                + "{'effect':'deny','actions':['publish'],'topics':['a/x']}");
    assertThat(p.explain(new AccessRequest.Publish("a/b", 0, false, 11)).render())
        .contains("r[0]: allow 'a/#': matches, but payload larger than maxPayloadBytes 10");
    assertThat(p.explain(new AccessRequest.Publish("a/x", 0, false, 1)).render())
        .contains("r[1]: deny 'a/x': matches");
  }

  @Test
  void toStrings_nameClientAndRolesButNoRules() {
    AclPolicy acl =
        Acl.policy(
            "{'roles':{'r':{'rules':[{'effect':'allow','actions':['publish'],'topics':['s/#']}]},"
                + "'q':{'rules':[]}},'anonymous':{'roles':['q']}}");
    assertThat(acl.toString()).isEqualTo("AclPolicy[2 roles, anonymous=[q]]");
    ClientPolicy p = acl.compile(ClientIdentity.user("dev-1", "u", Set.of("r")));
    assertThat(p.toString()).isEqualTo("ClientPolicy[clientId=dev-1, roles=[r]]");
  }
}

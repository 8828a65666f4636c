package io.mqttguard.acl;

import static io.mqttguard.acl.Acl.client;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Specification of publish, subscribe and receive decisions. */
class ClientPolicyTest {

  @Test
  void publish_noRules_isDeniedByDefault() {
    Decision d =
        client("{'effect':'deny','actions':['receive'],'topics':['x']}").publish("a", 0, false, 1);
    assertThat(d.allowed()).isFalse();
    assertThat(d.basis()).isEqualTo(Decision.Basis.NO_MATCHING_RULE);
    assertThat(d.rule()).isNull();
  }

  @Test
  void denyAll_deniesEveryAction() {
    ClientPolicy p =
        AclPolicy.denyAll()
            .compile(io.mqttguard.identity.ClientIdentity.user("c", "u", java.util.Set.of("r")));
    assertThat(p.publish("a", 0, false, 0).basis()).isEqualTo(Decision.Basis.NO_MATCHING_RULE);
    assertThat(p.subscribe("#", 0).allowed()).isFalse();
    assertThat(p.receive("a").allowed()).isFalse();
  }

  @Test
  void publish_matchingAllow_isAllowedAndNamesTheRule() {
    Decision d =
        client("{'effect':'allow','actions':['publish'],'topics':['a/+/c']}")
            .publish("a/b/c", 1, false, 10);
    assertThat(d.allowed()).isTrue();
    assertThat(d.basis()).isEqualTo(Decision.Basis.ALLOW_RULE);
    assertThat(d.rule()).isEqualTo(new RuleRef("r", 0));
  }

  @Test
  void publish_denyAfterAllow_denies() {
    ClientPolicy p =
        client(
            "{'effect':'allow','actions':['publish'],'topics':['a/#']},"
                + "{'effect':'deny','actions':['publish'],'topics':['a/secret']}");
    assertThat(p.publish("a/secret", 0, false, 0).basis()).isEqualTo(Decision.Basis.DENY_RULE);
    assertThat(p.publish("a/secret", 0, false, 0).rule()).isEqualTo(new RuleRef("r", 1));
    assertThat(p.publish("a/public", 0, false, 0).allowed()).isTrue();
  }

  @Test
  void publish_denyBeforeAllow_deniesToo() {
    ClientPolicy p =
        client(
            "{'effect':'deny','actions':['publish'],'topics':['a/secret']},"
                + "{'effect':'allow','actions':['publish'],'topics':['a/#']}");
    assertThat(p.publish("a/secret", 0, false, 0).allowed()).isFalse();
  }

  @Test
  void publish_hashRuleOnDollarTopic_isDenied() {
    ClientPolicy p =
        client("{'effect':'allow','actions':['publish','subscribe'],'topics':['#','+/#']}");
    assertThat(p.publish("$SYS/x", 0, false, 0).allowed()).isFalse();
    assertThat(p.publish("x", 0, false, 0).allowed()).isTrue();
    assertThat(p.subscribe("$SYS/#", 0).allowed()).isFalse();
    assertThat(p.receive("$SYS/broker/uptime").allowed()).isFalse();
  }

  @Test
  void publish_dollarRule_reachesOnlyItsDollarTopics() {
    ClientPolicy p = client("{'effect':'allow','actions':['publish'],'topics':['$SYS/#']}");
    assertThat(p.publish("$SYS/a", 0, false, 0).allowed()).isTrue();
    assertThat(p.publish("$SYS", 0, false, 0).allowed()).isTrue();
    assertThat(p.publish("$OTHER/a", 0, false, 0).allowed()).isFalse();
  }

  @Test
  void publish_constraints_areEnforced() {
    ClientPolicy p =
        client(
            "{'effect':'allow','actions':['publish'],'topics':['t'],'maxQos':1,'retain':false,"
                + "'maxPayloadBytes':100}");
    assertThat(p.publish("t", 1, false, 100).allowed()).isTrue();
    assertThat(p.publish("t", 2, false, 1).basis()).isEqualTo(Decision.Basis.CONSTRAINT_VIOLATED);
    assertThat(p.publish("t", 0, true, 1).reason()).contains("retain");
    assertThat(p.publish("t", 0, false, 101).reason()).contains("maxPayloadBytes 100");
  }

  @Test
  void publish_secondAllowWithoutConstraint_allowsWhatTheFirstForbids() {
    ClientPolicy p =
        client(
            "{'effect':'allow','actions':['publish'],'topics':['t'],'retain':false},"
                + "{'effect':'allow','actions':['publish'],'topics':['t'],'retain':true}");
    assertThat(p.publish("t", 0, true, 0).rule()).isEqualTo(new RuleRef("r", 1));
    assertThat(p.publish("t", 0, false, 0).rule()).isEqualTo(new RuleRef("r", 0));
  }

  @Test
  void publish_invalidInput_isDeniedWithoutException() {
    ClientPolicy p = client("{'effect':'allow','actions':['publish'],'topics':['#']}");
    for (String bad : new String[] {"", "a/+", "a/#", "a\u0000b", "\ud800"}) {
      assertThat(p.publish(bad, 0, false, 0).basis()).isEqualTo(Decision.Basis.INVALID_REQUEST);
    }
    assertThat(p.publish("a", 3, false, 0).basis()).isEqualTo(Decision.Basis.INVALID_REQUEST);
    assertThat(p.publish("a", -1, false, 0).basis()).isEqualTo(Decision.Basis.INVALID_REQUEST);
    assertThat(p.publish("a", 0, false, -1).basis()).isEqualTo(Decision.Basis.INVALID_REQUEST);
  }

  @Test
  void subscribe_filterInsideGrant_isAllowed() {
    ClientPolicy p = client("{'effect':'allow','actions':['subscribe'],'topics':['sensors/#']}");
    assertThat(p.subscribe("sensors/+/temp", 1).allowed()).isTrue();
    assertThat(p.subscribe("sensors", 1).allowed()).isTrue();
  }

  @Test
  void subscribe_wildcardBeyondGrant_isDenied() {
    ClientPolicy p = client("{'effect':'allow','actions':['subscribe'],'topics':['sensors/+']}");
    assertThat(p.subscribe("sensors/#", 0).allowed()).isFalse();
    assertThat(p.subscribe("#", 0).allowed()).isFalse();
    assertThat(p.subscribe("sensors/a", 0).allowed()).isTrue();
  }

  @Test
  void subscribe_overlappingADeny_isDenied() {
    ClientPolicy p =
        client(
            "{'effect':'allow','actions':['subscribe'],'topics':['sensors/#']},"
                + "{'effect':'deny','actions':['subscribe'],'topics':['sensors/+/secrets/#']}");
    assertThat(p.subscribe("sensors/#", 0).basis()).isEqualTo(Decision.Basis.DENY_RULE);
    assertThat(p.subscribe("sensors/a/+/x", 0).allowed()).isFalse();
    assertThat(p.subscribe("sensors/a/public/#", 0).allowed()).isTrue();
  }

  @Test
  void subscribe_hashAtRoot_isContainedInPlusHash() {
    ClientPolicy p = client("{'effect':'allow','actions':['subscribe'],'topics':['+/#']}");
    assertThat(p.subscribe("#", 0).allowed()).isTrue();
  }

  @Test
  void subscribe_shared_isAuthorizedOnTheInnerFilterAndGroup() {
    ClientPolicy p =
        client(
            "{'effect':'allow','actions':['subscribe'],'topics':['jobs/#'],'shareGroups':['workers']},"
                + "{'effect':'allow','actions':['subscribe'],'topics':['news/#']}");
    assertThat(p.subscribe("$share/workers/jobs/#", 1).allowed()).isTrue();
    assertThat(p.subscribe("$share/others/jobs/#", 1).allowed()).isFalse();
    assertThat(p.subscribe("jobs/#", 1).allowed()).isFalse();
    assertThat(p.subscribe("$share/any/news/sport", 1).allowed()).isTrue();
    assertThat(p.subscribe("$share//news", 1).basis()).isEqualTo(Decision.Basis.INVALID_REQUEST);
    assertThat(p.subscribe("$share/g", 1).basis()).isEqualTo(Decision.Basis.INVALID_REQUEST);
  }

  @Test
  void receive_isGrantedBySubscribeAndDeniedByReceiveDeny() {
    ClientPolicy p =
        client(
            "{'effect':'allow','actions':['subscribe'],'topics':['sensors/#']},"
                + "{'effect':'deny','actions':['receive'],'topics':['sensors/+/secrets/#']}");
    assertThat(p.receive("sensors/a/temp").allowed()).isTrue();
    assertThat(p.receive("sensors/a/secrets/k").allowed()).isFalse();
    assertThat(p.receive("other").allowed()).isFalse();
  }

  @Test
  void emptyLevels_areRealLevels() {
    ClientPolicy p = client("{'effect':'allow','actions':['publish'],'topics':['a//c','/x']}");
    assertThat(p.publish("a//c", 0, false, 0).allowed()).isTrue();
    assertThat(p.publish("a/c", 0, false, 0).allowed()).isFalse();
    assertThat(p.publish("/x", 0, false, 0).allowed()).isTrue();
    assertThat(p.publish("x", 0, false, 0).allowed()).isFalse();
  }

  @Test
  void explain_listsTheMatchingRulesAndTheSameDecision() {
    ClientPolicy p =
        client(
            "{'effect':'allow','actions':['publish'],'topics':['a/#']},"
                + "{'effect':'deny','actions':['publish'],'topics':['a/b']}");
    Explanation e = p.explain(new AccessRequest.Publish("a/b", 0, false, 0));
    assertThat(e.decision()).isEqualTo(p.publish("a/b", 0, false, 0));
    assertThat(e.render()).contains("r[0]: allow 'a/#': matches", "r[1]: deny 'a/b': matches");
  }
}

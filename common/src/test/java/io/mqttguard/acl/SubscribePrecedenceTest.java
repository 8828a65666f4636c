package io.mqttguard.acl;

import static io.mqttguard.acl.Acl.client;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Specification of subscribe and publish edge cases where a wrong precedence or a wrong lookup
 * would grant too much: invalid filters, share-group syntax, root wildcards against literal denies,
 * $-topics, the deciding rule of a constraint violation, and levels with many siblings.
 */
class SubscribePrecedenceTest {

  @Test
  void subscribe_invalidFilterUnderAllowAll_isDeniedAsInvalidBeforeRules() {
    ClientPolicy p = client("{'effect':'allow','actions':['subscribe'],'topics':['#']}");
    for (String invalid : List.of("a/#/b", "a+/b", "#/x", "a/b#")) {
      Decision d = p.subscribe(invalid, 0);
      assertThat(d.allowed()).as(invalid).isFalse();
      assertThat(d.basis()).as(invalid).isEqualTo(Decision.Basis.INVALID_REQUEST);
      assertThat(d.rule()).as(invalid).isNull();
    }
    assertThat(p.subscribe("a/+/b", 0).allowed()).isTrue();
  }

  @Test
  void subscribe_sharedWithPlusAsGroup_isInvalidEvenWhenTheInnerFilterIsGranted() {
    ClientPolicy p = client("{'effect':'allow','actions':['subscribe'],'topics':['news/#']}");
    Decision d = p.subscribe("$share/+/news/sport", 0);
    assertThat(d.allowed()).isFalse();
    assertThat(d.basis()).isEqualTo(Decision.Basis.INVALID_REQUEST);
    assertThat(d.reason()).contains("shared subscription");
    assertThat(p.subscribe("$share/g/news/sport", 0).allowed()).isTrue();
  }

  @Test
  void subscribe_sharedWithEmptyInnerFilter_isInvalid() {
    ClientPolicy p = client("{'effect':'allow','actions':['subscribe'],'topics':['#']}");
    assertThat(p.subscribe("$share/g/", 0).basis()).isEqualTo(Decision.Basis.INVALID_REQUEST);
  }

  @Test
  void subscribe_hashAtRootWithLiteralDeny_isDeniedByThatDeny() {
    ClientPolicy p =
        client(
            "{'effect':'allow','actions':['subscribe'],'topics':['#']},"
                + "{'effect':'deny','actions':['subscribe'],'topics':['a/secret']}");
    Decision d = p.subscribe("#", 0);
    assertThat(d.allowed()).isFalse();
    assertThat(d.basis()).isEqualTo(Decision.Basis.DENY_RULE);
    assertThat(d.rule()).isEqualTo(new RuleRef("r", 1));
  }

  @Test
  void subscribe_hashAtRootWithDenyOnDollarTopic_isAllowedBecauseHashDoesNotReachDollar() {
    ClientPolicy p =
        client(
            "{'effect':'allow','actions':['subscribe'],'topics':['#']},"
                + "{'effect':'deny','actions':['subscribe'],'topics':['$SYS/#']}");
    assertThat(p.subscribe("#", 0).allowed()).isTrue();
    assertThat(p.subscribe("$SYS/broker", 0).basis()).isEqualTo(Decision.Basis.DENY_RULE);
  }

  @Test
  void subscribe_qosAboveEveryGrant_namesTheFirstViolatedRule() {
    ClientPolicy p =
        client(
            "{'effect':'allow','actions':['subscribe'],'topics':['a/#'],'maxQos':0},"
                + "{'effect':'allow','actions':['subscribe'],'topics':['a/#'],'maxQos':1}");
    Decision d = p.subscribe("a/b", 2);
    assertThat(d.basis()).isEqualTo(Decision.Basis.CONSTRAINT_VIOLATED);
    assertThat(d.rule()).isEqualTo(new RuleRef("r", 0));
    assertThat(d.reason()).contains("maxQos 0");
    assertThat(p.subscribe("a/b", 1).rule()).isEqualTo(new RuleRef("r", 1));
  }

  @Test
  void publish_retainWhenRuleForbidsRetain_isDeniedWithTheRetainReason() {
    ClientPolicy p =
        client("{'effect':'allow','actions':['publish'],'topics':['a/+'],'retain':false}");
    Decision d = p.publish("a/b", 0, true, 0);
    assertThat(d.basis()).isEqualTo(Decision.Basis.CONSTRAINT_VIOLATED);
    assertThat(d.reason()).startsWith("retain flag must be false under rule r[0]");
    assertThat(p.publish("a/b", 0, false, 0).allowed()).isTrue();
  }

  @Test
  void decisionReason_quotesTheRuleAsWritten() {
    ClientPolicy p =
        client("{'effect':'allow','actions':['publish','receive'],'topics':['a/+/c']}");
    assertThat(p.publish("a/b/c", 0, false, 0).reason())
        .isEqualTo("allowed by rule r[0] (allow publish,receive a/+/c)");
  }

  @Test
  void manyLiteralSiblings_eachIsFoundAndNoOtherIs() {
    // Enough siblings at one level that the level map has collisions and must probe.
    int n = 300;
    List<String> rules = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rules.add("{'effect':'allow','actions':['publish','subscribe'],'topics':['t/k" + i + "']}");
    }
    ClientPolicy p = client(String.join(",", rules));
    for (int i = 0; i < n; i++) {
      Decision d = p.publish("t/k" + i, 0, false, 0);
      assertThat(d.allowed()).as("t/k%d", i).isTrue();
      assertThat(d.rule()).isEqualTo(new RuleRef("r", i));
      assertThat(p.subscribe("t/k" + i, 0).rule()).isEqualTo(new RuleRef("r", i));
    }
    for (int i = n; i < 2 * n; i++) {
      assertThat(p.publish("t/k" + i, 0, false, 0).allowed()).as("t/k%d", i).isFalse();
    }
  }

  @Test
  void manyLiteralDenies_underRootHash_eachDeniesItsSubscription() {
    int n = 100;
    StringBuilder rules =
        new StringBuilder("{'effect':'allow','actions':['subscribe'],'topics':['#']}");
    for (int i = 0; i < n; i++) {
      rules
          .append(",{'effect':'deny','actions':['subscribe'],'topics':['d")
          .append(i)
          .append("/x']}");
    }
    ClientPolicy p = client(rules.toString());
    for (int i = 0; i < n; i++) {
      assertThat(p.subscribe("d" + i + "/+", 0).rule()).isEqualTo(new RuleRef("r", i + 1));
    }
    assertThat(p.subscribe("other/+", 0).allowed()).isTrue();
  }

  @Test
  void subscribe_sharedOverlappingADenyOfThatGroup_isDenied() {
    ClientPolicy p =
        client(
            "{'effect':'allow','actions':['subscribe'],'topics':['jobs/#'],'shareGroups':['w']},"
                + "{'effect':'deny','actions':['subscribe'],'topics':['jobs/secret'],"
                + "'shareGroups':['w']}");
    Decision d = p.subscribe("$share/w/jobs/#", 0);
    assertThat(d.basis()).isEqualTo(Decision.Basis.DENY_RULE);
    assertThat(d.rule()).isEqualTo(new RuleRef("r", 1));
    assertThat(p.subscribe("$share/w/jobs/public", 0).allowed()).isTrue();
    assertThat(p.subscribe("$share/w/jobs/secret", 0).allowed()).isFalse();
  }
}

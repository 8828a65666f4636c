package io.mqttguard.acl;

import static io.mqttguard.acl.Acl.role;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.identity.CertificateFields;
import io.mqttguard.identity.ClientIdentity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Specification of ${...} substitutions: whole levels, resolved at CONNECT, hostile values fail
 * closed.
 */
class SubstitutionTest {
  private static final AclPolicy OWN_TOPIC =
      role("{'effect':'allow','actions':['publish','subscribe'],'topics':['dev/${client.id}/#']}");

  @Test
  void clientId_isSubstitutedAsOneLevel() {
    ClientPolicy p = OWN_TOPIC.compile(ClientIdentity.user("dev-7", "u", Set.of("r")));
    assertThat(p.publish("dev/dev-7/temp", 0, false, 0).allowed()).isTrue();
    assertThat(p.publish("dev/dev-8/temp", 0, false, 0).allowed()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", "+", "#", "a+", "x#", "a\u0000b", "\ud800"})
  void hostileClientId_makesTheAllowRuleInapplicable(String hostile) {
    ClientPolicy p = OWN_TOPIC.compile(ClientIdentity.user(hostile, "u", Set.of("r")));
    for (String topic : List.of("dev/a/b/x", "dev/x", "dev/+", "dev/a", "dev//x")) {
      if (io.mqttguard.topic.TopicName.problem(topic) == null) {
        assertThat(p.publish(topic, 0, false, 0).allowed()).as(topic).isFalse();
      }
    }
    assertThat(p.subscribe("dev/#", 0).allowed()).isFalse();
    assertThat(p.subscribe("dev/+/#", 0).allowed()).isFalse();
    Explanation e = p.explain(new AccessRequest.Publish("dev/x/y", 0, false, 0));
    assertThat(e.render()).contains("${client.id}").contains("rule not applied");
  }

  @Test
  void slashInClientId_cannotReachAnotherClientsTopics() {
    ClientPolicy p = OWN_TOPIC.compile(ClientIdentity.user("dev-8/secret", "u", Set.of("r")));
    assertThat(p.publish("dev/dev-8/secret/x", 0, false, 0).allowed()).isFalse();
  }

  @Test
  void username_missingForAnonymous_makesTheRuleInapplicable() {
    AclPolicy acl =
        Acl.policy(
            "{'roles':{'r':{'rules':[{'effect':'allow','actions':['publish'],"
                + "'topics':['u/${user.name}']}]}},'anonymous':{'roles':['r']}}");
    assertThat(acl.compile(ClientIdentity.anonymous("c")).publish("u/c", 0, false, 0).allowed())
        .isFalse();
    assertThat(
            acl.compile(ClientIdentity.user("c", "alice", Set.of("r")))
                .publish("u/alice", 0, false, 0)
                .allowed())
        .isTrue();
  }

  @Test
  void certCommonName_andAttributes_areSubstituted() {
    AclPolicy acl =
        role("{'effect':'allow','actions':['publish'],'topics':['${attr.site}/${cert.cn}']}");
    CertificateFields cert =
        new CertificateFields(
            "CN=gw1", "CN=ca", "gw1", "00", List.of(), List.of(), List.of(), List.of());
    ClientIdentity id =
        new ClientIdentity("c", "u", Set.of("r"), Map.of("site", "berlin"), cert, false);
    ClientPolicy p = acl.compile(id);
    assertThat(p.publish("berlin/gw1", 0, false, 0).allowed()).isTrue();
    assertThat(p.publish("berlin/gw2", 0, false, 0).allowed()).isFalse();
    ClientIdentity noCert = Acl.withAttributes("c", Map.of("site", "berlin"));
    assertThat(acl.compile(noCert).publish("berlin/gw1", 0, false, 0).allowed()).isFalse();
  }

  @Test
  void dollarValueInFirstLevel_cannotReachDollarTopics() {
    AclPolicy acl = role("{'effect':'allow','actions':['publish'],'topics':['${client.id}/#']}");
    ClientPolicy p = acl.compile(ClientIdentity.user("$SYS", "u", Set.of("r")));
    assertThat(p.publish("$SYS/broker/x", 0, false, 0).allowed()).isFalse();
    ClientPolicy ok = acl.compile(ClientIdentity.user("a$b", "u", Set.of("r")));
    assertThat(ok.publish("a$b/x", 0, false, 0).allowed()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", "+", "#", "a\u0000b"})
  void hostileValueInDenyRule_widensTheDenyToHashInsteadOfDroppingIt(String hostile) {
    AclPolicy acl =
        role(
            "{'effect':'allow','actions':['publish'],'topics':['#']},"
                + "{'effect':'deny','actions':['publish'],'topics':['dev/${attr.blocked}']}");
    ClientPolicy p = acl.compile(Acl.withAttributes("c", Map.of("blocked", hostile)));
    assertThat(p.publish("dev/anything", 0, false, 0).allowed()).isFalse();
    assertThat(p.publish("dev/a/b", 0, false, 0).allowed()).isFalse();
    assertThat(p.publish("other/x", 0, false, 0).allowed()).isTrue();
    assertThat(p.explain(new AccessRequest.Receive("x")).render())
        .contains("deny widened to 'dev/#'");
    ClientPolicy missing = acl.compile(Acl.withAttributes("c", Map.of()));
    assertThat(missing.publish("dev/anything", 0, false, 0).allowed()).isFalse();
  }

  @Test
  void anonymousClient_getsAnonymousRolesOnly() {
    AclPolicy acl =
        Acl.policy(
            "{'roles':{'pub':{'rules':[{'effect':'allow','actions':['subscribe'],'topics':['public/#']}]},"
                + "'admin':{'rules':[{'effect':'allow','actions':['subscribe'],'topics':['#']}]}},"
                + "'anonymous':{'roles':['pub']}}");
    ClientIdentity anon = new ClientIdentity("c", null, Set.of("admin"), Map.of(), null, true);
    ClientPolicy p = acl.compile(anon);
    assertThat(p.subscribe("public/x", 0).allowed()).isTrue();
    assertThat(p.subscribe("private/x", 0).allowed()).isFalse();
  }

  @Test
  void unknownRoleOfIdentity_grantsNothingAndIsExplained() {
    ClientPolicy p = OWN_TOPIC.compile(ClientIdentity.user("c", "u", Set.of("ghost")));
    assertThat(p.publish("dev/c/x", 0, false, 0).allowed()).isFalse();
    assertThat(p.explain(new AccessRequest.Receive("dev/c")).render())
        .contains("role 'ghost' is not defined");
  }
}

package io.mqttguard.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.identity.ClientIdentity;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublishGrantsTest {

  @Test
  void publishGrants_listDeniesBeforeAllows_withResolvedSubstitutionsAndConstraints() {
    ClientPolicy p =
        Acl.role(
                "{'effect':'allow','actions':['publish'],'topics':['dev/${client.id}/#'],"
                    + "'maxQos':1,'retain':false},"
                    + "{'effect':'deny','actions':['publish','subscribe'],'topics':['dev/+/cmd']},"
                    + "{'effect':'allow','actions':['subscribe'],'topics':['other/#']}")
            .compile(ClientIdentity.user("d1", "u", Set.of("r")));

    assertThat(p.publishGrants())
        .contains(
            PublishGrants.of(
                new PublishGrant(Effect.DENY, "dev/+/cmd", 2, null),
                new PublishGrant(Effect.ALLOW, "dev/d1/#", 1, false)));
  }

  @Test
  void publishGrants_payloadSizeLimit_cannotBeExpressed() {
    ClientPolicy p =
        Acl.client("{'effect':'allow','actions':['publish'],'topics':['t'],'maxPayloadBytes':9}");

    assertThat(p.publishGrants()).isEmpty();
  }

  @Test
  void publishGrants_aResolvedFilterLongerThanMqttAllows_cannotBeExpressed() {
    String id = "c".repeat(40_000);
    ClientPolicy p =
        Acl.role("{'effect':'allow','actions':['publish'],'topics':['${client.id}/${client.id}']}")
            .compile(ClientIdentity.user(id, "u", Set.of("r")));

    assertThat(p.publishGrants()).as("no valid TopicFilter for 80001 bytes").isEmpty();
  }

  @Test
  void publishGrants_noPublishRules_isAnEmptyListThatDeniesEverything() {
    ClientPolicy p = Acl.client("{'effect':'allow','actions':['subscribe'],'topics':['#']}");

    assertThat(p.publishGrants()).contains(PublishGrants.of());
  }

  @Test
  void receiveDenies_onlyDenyReceiveRulesNeedDeliveryChecks() {
    assertThat(
            Acl.client(
                    "{'effect':'allow','actions':['subscribe'],'topics':['a/#']},"
                        + "{'effect':'deny','actions':['subscribe'],'topics':['a/secret']}")
                .receiveDeniesWithinSubscriptions())
        .as("a deny subscribe is enforced at SUBSCRIBE")
        .isFalse();
    assertThat(
            Acl.client(
                    "{'effect':'allow','actions':['subscribe'],'topics':['a/#']},"
                        + "{'effect':'deny','actions':['receive'],'topics':['a/secret']}")
                .receiveDeniesWithinSubscriptions())
        .isTrue();
  }
}

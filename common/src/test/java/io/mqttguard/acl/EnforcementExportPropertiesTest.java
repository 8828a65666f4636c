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
import net.jqwik.api.constraints.IntRange;

/**
 * What brokers may enforce natively agrees with the engine: {@link ClientPolicy#publishGrants()}
 * decides every PUBLISH like {@link ClientPolicy#publish}, and without {@link
 * ClientPolicy#receiveDeniesWithinSubscriptions()} every delivery on an allowed subscription is
 * allowed by {@link ClientPolicy#receive}.
 */
class EnforcementExportPropertiesTest {

  @Provide
  Arbitrary<List<GenRule>> rules() {
    return RuleArbitraries.rules();
  }

  @Provide
  Arbitrary<String> topics() {
    return RuleArbitraries.topics();
  }

  @Provide
  Arbitrary<String> filters() {
    return RuleArbitraries.filters();
  }

  @Provide
  Arbitrary<String> groupOrNone() {
    return Arbitraries.of("", "g", "h", "x");
  }

  @Property(tries = 1000)
  void publishGrants_firstMatch_decidesLikePublish(
      @ForAll("rules") List<GenRule> rules,
      @ForAll("topics") String topic,
      @ForAll @IntRange(min = 0, max = 2) int qos,
      @ForAll boolean retain) {
    ClientPolicy p = RuleArbitraries.compile(rules);
    PublishGrants grants = p.publishGrants().orElseThrow();

    assertThat(grants.allows(TopicName.of(topic), qos, retain))
        .as("grants %s on %s qos %d retain %s", grants, topic, qos, retain)
        .isEqualTo(p.publish(topic, qos, retain, 5).allowed());
  }

  @Property(tries = 1000)
  void withoutReceiveDenies_everyTopicOfAnAllowedSubscription_isReceived(
      @ForAll("rules") List<GenRule> rules,
      @ForAll("filters") String filter,
      @ForAll("groupOrNone") String group,
      @ForAll("topics") String topic) {
    ClientPolicy p = RuleArbitraries.compile(rules);
    String request = group.isEmpty() ? filter : SharedSubscription.PREFIX + group + "/" + filter;
    boolean delivered =
        p.subscribe(request, 0).allowed() && TopicFilter.of(filter).matches(TopicName.of(topic));

    if (delivered && !p.receiveDeniesWithinSubscriptions()) {
      assertThat(p.receive(topic).allowed()).as("%s via %s", topic, request).isTrue();
    }
    boolean denyReceive =
        rules.stream().anyMatch(r -> !r.allow() && r.actions().contains(Action.RECEIVE));
    assertThat(p.receiveDeniesWithinSubscriptions()).isEqualTo(denyReceive);
  }
}

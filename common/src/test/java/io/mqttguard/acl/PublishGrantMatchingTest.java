package io.mqttguard.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.topic.InvalidTopicException;
import io.mqttguard.topic.TopicName;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The MQTT semantics of a first-match publish list ({@link PublishGrants}, {@link PublishGrant}):
 * topic matching (§4.7, with the {@code $} rule), first match, QoS and RETAIN constraints. Moved
 * from the HiveMQ adapter's {@code HiveMqGrantsTest}, which now only tests the HiveMQ translation.
 */
class PublishGrantMatchingTest {

  private static PublishGrant allow(String filter) {
    return new PublishGrant(Effect.ALLOW, filter, 2, null);
  }

  private static PublishGrant deny(String filter) {
    return new PublishGrant(Effect.DENY, filter, 2, null);
  }

  private static PublishGrant allow(String filter, int maxQos, @Nullable Boolean retain) {
    return new PublishGrant(Effect.ALLOW, filter, maxQos, retain);
  }

  private static PublishGrant deny(String filter, int maxQos, @Nullable Boolean retain) {
    return new PublishGrant(Effect.DENY, filter, maxQos, retain);
  }

  /** Whether the single entry {@code filter} applies to {@code topic} (QoS 0, not retained). */
  private static boolean matches(String filter, String topic) {
    return allow(filter).appliesTo(TopicName.of(topic), 0, false);
  }

  private static boolean allows(PublishGrants grants, String topic, int qos, boolean retain) {
    return grants.allows(TopicName.of(topic), qos, retain);
  }

  private static boolean allows(PublishGrants grants, String topic) {
    return allows(grants, topic, 0, false);
  }

  // ---- matching: MQTT topic matching (§4.7) ----

  @Test
  void dollarTopics_areNotMatchedByFirstLevelWildcards() {
    assertThat(matches("#", "$SYS/x")).isFalse();
    assertThat(matches("+/x", "$SYS/x")).isFalse();
    assertThat(matches("+", "$SYS")).isFalse();
    assertThat(matches("$SYS/#", "$SYS/x")).isTrue();
    assertThat(matches("$SYS/+", "$SYS/x")).isTrue();
    assertThat(matches("a/+", "a/$x")).isTrue();
  }

  @Test
  void plus_matchesAnEmptyLevel() {
    assertThat(matches("a/+", "a/")).isTrue();
    assertThat(matches("+/b", "/b")).isTrue();
    assertThat(matches("a/+/c", "a//c")).isTrue();
    assertThat(matches("+", "/")).isFalse();
    assertThat(matches("a/+", "a")).isFalse();
  }

  @Test
  void hash_matchesTheParentLevel_andEverythingBelow() {
    assertThat(matches("a/#", "a")).isTrue();
    assertThat(matches("a/#", "a/")).isTrue();
    assertThat(matches("a/#", "a/b/c")).isTrue();
    assertThat(matches("a/#", "ab")).isFalse();
    assertThat(matches("#", "/")).isTrue();
    assertThat(matches("/#", "/a")).isTrue();
    assertThat(matches("/#", "a")).isFalse();
  }

  @Test
  void literalFilters_matchExactly_trailingAndRepeatedSlashesAreLevels() {
    assertThat(matches("a/b", "a/b")).isTrue();
    assertThat(matches("a/b", "a/b/")).isFalse();
    assertThat(matches("a/b", "/a/b")).isFalse();
    assertThat(matches("a/b", "a//b")).isFalse();
    assertThat(matches("a/b/", "a/b/")).isTrue();
    assertThat(matches("a/b", "a")).isFalse();
  }

  @Test
  void wildcardFilterEndingInSlash_matchesOnlyTopicsWithThatEmptyLastLevel() {
    assertThat(matches("a/+/", "a/x/")).isTrue();
    assertThat(matches("a/+/", "a/x")).isFalse();
  }

  @Test
  void anInvalidFilter_cannotBeAGrant() {
    for (String filter : new String[] {"a+", "a/b#", "a/+x/c", "", "#/a"}) {
      assertThatThrownBy(() -> allow(filter))
          .as("filter '%s'", filter)
          .isInstanceOf(InvalidTopicException.class);
    }
  }

  // ---- first match, qos and retain constraints ----

  @Test
  void noApplicableEntry_denies() {
    assertThat(allows(PublishGrants.of(), "a")).isFalse();
    assertThat(allows(PublishGrants.of(allow("b")), "a")).isFalse();
    assertThat(PublishGrants.of(allow("b")).firstMatch(TopicName.of("a"), 0, false)).isNull();
  }

  @Test
  void firstApplicableEntry_decides() {
    PublishGrants grants = PublishGrants.of(deny("a/secret"), allow("a/+"));
    assertThat(allows(grants, "a/secret")).isFalse();
    assertThat(allows(grants, "a/public")).isTrue();
    assertThat(grants.firstMatch(TopicName.of("a/secret"), 0, false)).isEqualTo(deny("a/secret"));
  }

  @Test
  void qosAboveMaxQos_makesAnEntryNotApply_andTheNextOneDecides() {
    PublishGrants grants = PublishGrants.of(deny("a/#", 0, null), allow("a/#", 1, null));
    assertThat(allows(grants, "a/x", 0, false)).isFalse();
    assertThat(allows(grants, "a/x", 1, false)).isTrue();
    assertThat(allows(grants, "a/x", 2, false)).isFalse();
  }

  @Test
  void retainConstraint_makesAnEntryNotApply_andTheNextOneDecides() {
    PublishGrants grants = PublishGrants.of(deny("a/#", 2, true), allow("a/#", 2, null));
    assertThat(allows(grants, "a/x", 1, true)).isFalse();
    assertThat(allows(grants, "a/x", 1, false)).isTrue();

    PublishGrants onlyUnretained = PublishGrants.of(allow("a/#", 2, false));
    assertThat(allows(onlyUnretained, "a/x", 0, false)).isTrue();
    assertThat(allows(onlyUnretained, "a/x", 0, true)).isFalse();
  }

  @Test
  void theListIsACopy_laterChangesToTheSourceDoNotReachIt() {
    java.util.List<PublishGrant> source = new java.util.ArrayList<>();
    source.add(allow("a"));
    PublishGrants grants = new PublishGrants(source);
    source.add(0, deny("a"));
    assertThat(allows(grants, "a")).isTrue();
  }
}

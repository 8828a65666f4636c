package io.mqttguard.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.acl.Effect;
import io.mqttguard.acl.PublishGrant;
import io.mqttguard.acl.PublishGrants;
import io.mqttguard.topic.TopicName;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Examples for {@link HiveMqGrants}: when a first-match publish list may be handed to HiveMQ as
 * default permissions ({@link HiveMqGrants#exact}), measured against the core's MQTT semantics
 * ({@link PublishGrants#allows}, tested in common's {@code PublishGrantMatchingTest}) and HiveMQ's
 * matching ({@link HiveMqGrants#decideLikeHiveMq}). {@link HiveMqGrantsEquivalenceTest} checks the
 * same against HiveMQ's real evaluator.
 */
class HiveMqGrantsTest {

  private static PublishGrant allow(String filter) {
    return new PublishGrant(Effect.ALLOW, filter, 2, null);
  }

  private static PublishGrant deny(String filter) {
    return new PublishGrant(Effect.DENY, filter, 2, null);
  }

  private static PublishGrant deny(String filter, int maxQos, @Nullable Boolean retain) {
    return new PublishGrant(Effect.DENY, filter, maxQos, retain);
  }

  private static PublishGrants list(PublishGrant... grants) {
    return PublishGrants.of(grants);
  }

  private static boolean mqtt(PublishGrants grants, String topic, int qos, boolean retain) {
    return grants.allows(TopicName.of(topic), qos, retain);
  }

  private static boolean mqtt(PublishGrants grants, String topic) {
    return mqtt(grants, topic, 0, false);
  }

  private static boolean hiveMq(PublishGrants grants, String topic, int qos, boolean retain) {
    return HiveMqGrants.decideLikeHiveMq(grants, topic, qos, retain);
  }

  private static boolean hiveMq(PublishGrants grants, String topic) {
    return hiveMq(grants, topic, 0, false);
  }

  // ---- exact(): which lists HiveMQ decides like MQTT ----

  @Test
  void emptyList_isExact() {
    assertThat(HiveMqGrants.exact(list())).isTrue();
  }

  @Test
  void wildcardOnlyLists_areExact() {
    assertThat(HiveMqGrants.exact(list(allow("#")))).isTrue();
    assertThat(HiveMqGrants.exact(list(allow("a/#")))).isTrue();
    assertThat(HiveMqGrants.exact(list(allow("+/b/+")))).isTrue();
    assertThat(HiveMqGrants.exact(list(deny("a/+/c"), deny("x/#"), allow("+/#"), allow("#"))))
        .isTrue();
  }

  @Test
  void literalAllow_whoseTrailingSlashTopicIsDenied_isNotExact() {
    // alone, allow a/b leaves a/b/ denied by MQTT; HiveMQ's literal match would allow it
    PublishGrants grants = list(allow("a/b"));
    assertThat(mqtt(grants, "a/b/")).isFalse();
    assertThat(hiveMq(grants, "a/b/")).isTrue();
    assertThat(HiveMqGrants.exact(grants)).isFalse();
  }

  @Test
  void literalAllow_withItsTrailingSlashTopicsAllowedByAWildcard_isExact() {
    PublishGrants grants = list(allow("a/b"), allow("a/b/#"));
    assertThat(mqtt(grants, "a/b/")).isTrue();
    assertThat(mqtt(grants, "a/b//")).isTrue();
    assertThat(HiveMqGrants.exact(grants)).isTrue();
  }

  @Test
  void literalAllow_coveredByAnEarlierWildcard_isExact() {
    assertThat(HiveMqGrants.exact(list(allow("a/#"), allow("a/b")))).isTrue();
  }

  @Test
  void literalAllow_whoseDoubleTrailingSlashTopicIsDenied_isNotExact() {
    // a/b/ is allowed by a/b/+, but a/b// is not: HiveMQ's literal match would allow it
    PublishGrants grants = list(allow("a/b"), allow("a/b/+"));
    assertThat(mqtt(grants, "a/b/")).isTrue();
    assertThat(mqtt(grants, "a/b//")).isFalse();
    assertThat(hiveMq(grants, "a/b//")).isTrue();
    assertThat(HiveMqGrants.exact(grants)).isFalse();
  }

  @Test
  void literalDeny_withAWildcardAllow_isNotExact_becauseHiveMqAlsoDeniesItsTrailingSlashTopic() {
    PublishGrants grants = list(deny("a/b"), allow("a/#"));
    assertThat(mqtt(grants, "a/b/")).isTrue();
    assertThat(hiveMq(grants, "a/b/")).isFalse();
    assertThat(HiveMqGrants.exact(grants)).isFalse();
  }

  @Test
  void literalDeny_whoseTrailingSlashTopicsAreDeniedAnyway_isExact() {
    // nothing allows a/b/ or a/b//: the literal deny widening to them changes no decision
    assertThat(HiveMqGrants.exact(list(deny("a/b"), allow("a/+")))).isTrue();
    assertThat(HiveMqGrants.exact(list(deny("a/b"), deny("a/b/#"), allow("a/#")))).isTrue();
  }

  @Test
  void trailingSlashProbes_reachTheDepthOfTheDeepestFilter() {
    // +/+/+ allows a/b/ (3 levels) but not a/b// (4 levels), which HiveMQ's a/b allows
    PublishGrants grants = list(allow("a/b"), allow("+/+/+"));
    assertThat(mqtt(grants, "a/b/")).isTrue();
    assertThat(mqtt(grants, "a/b//")).isFalse();
    assertThat(hiveMq(grants, "a/b//")).isTrue();
    assertThat(HiveMqGrants.exact(grants)).isFalse();

    PublishGrants covered = list(allow("a/b"), allow("+/+/+"), allow("+/+/+/+"));
    assertThat(HiveMqGrants.exact(covered))
        .as("a/b/// (5 levels) is allowed by no wildcard")
        .isFalse();
    PublishGrants allCovered = list(allow("a/b"), allow("+/+/#"));
    assertThat(HiveMqGrants.exact(allCovered)).isTrue();
  }

  @Test
  void literalFilterEndingInSlash_isNotRepresentable() {
    // HiveMQ strips it to a/b, which MQTT-wise is a different filter
    assertThat(HiveMqGrants.exact(list(allow("a/b/")))).isFalse();
    assertThat(HiveMqGrants.exact(list(deny("/"), allow("#")))).isFalse();
    assertThat(HiveMqGrants.exact(list(allow("a//")))).isFalse();
  }

  @Test
  void wildcardFilterEndingInSlash_isNotExact() {
    // HiveMQ strips trailing '/' from wildcard filters too: its a/+/ is a/+, so it would allow a/x
    // (MQTT: a/+/ does not match it) and deny a/x/ (MQTT: a/+/ matches it). Found by
    // HiveMqGrantsEquivalenceTest against HiveMQ's DefaultPermissionsEvaluator.
    assertThat(mqtt(list(allow("a/+/")), "a/x/")).isTrue();
    assertThat(mqtt(list(allow("a/+/")), "a/x")).isFalse();
    assertThat(HiveMqGrants.exact(list(allow("a/+/")))).isFalse();
    assertThat(HiveMqGrants.exact(list(allow("+/")))).isFalse();
    assertThat(HiveMqGrants.exact(list(deny("+//"), allow("#")))).isFalse();
  }

  @Test
  void notExact_meansNoPermissions() {
    assertThat(
            HiveMqGrants.permissions(
                list(allow("a/b")),
                () -> {
                  throw new AssertionError("no builder may be requested for an inexact list");
                }))
        .isNull();
  }

  @Test
  void constrainedLiteralDeny_isNotExact_whenItsTrailingSlashTopicIsAllowedForThoseMessages() {
    // deny a/b only for retained messages; for non-retained ones HiveMQ and MQTT agree anyway
    PublishGrants grants = list(deny("a/b", 2, true), allow("a/#"));
    assertThat(mqtt(grants, "a/b/", 0, true)).isTrue();
    assertThat(hiveMq(grants, "a/b/", 0, true)).isFalse();
    assertThat(hiveMq(grants, "a/b/", 0, false)).isTrue();
    assertThat(HiveMqGrants.exact(grants)).isFalse();
  }

  @Test
  void hiveMqMatching_stripsTrailingSlashesOnlyForLiteralFilters() {
    assertThat(hiveMq(list(allow("a/b")), "a/b//")).isTrue();
    assertThat(hiveMq(list(allow("a/+")), "a/b/")).isFalse();
    assertThat(hiveMq(list(allow("a/b/#")), "a/b/")).isTrue();
  }
}

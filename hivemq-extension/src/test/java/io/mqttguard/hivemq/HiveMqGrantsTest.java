package io.mqttguard.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.acl.Effect;
import io.mqttguard.acl.PublishGrant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Examples for {@link HiveMqGrants}: when a first-match publish list may be handed to HiveMQ as
 * default permissions ({@link HiveMqGrants#exact}), and the MQTT semantics it is measured against
 * ({@link HiveMqGrants#decide}, {@link HiveMqGrants#mqttMatches}). {@link
 * HiveMqGrantsEquivalenceTest} checks the same against HiveMQ's real evaluator.
 */
class HiveMqGrantsTest {

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

  private static boolean mqtt(List<PublishGrant> grants, String topic) {
    return HiveMqGrants.decide(grants, topic, 0, false, false);
  }

  private static boolean hiveMq(List<PublishGrant> grants, String topic) {
    return HiveMqGrants.decide(grants, topic, 0, false, true);
  }

  // ---- exact(): which lists HiveMQ decides like MQTT ----

  @Test
  void emptyList_isExact() {
    assertThat(HiveMqGrants.exact(List.of())).isTrue();
  }

  @Test
  void wildcardOnlyLists_areExact() {
    assertThat(HiveMqGrants.exact(List.of(allow("#")))).isTrue();
    assertThat(HiveMqGrants.exact(List.of(allow("a/#")))).isTrue();
    assertThat(HiveMqGrants.exact(List.of(allow("+/b/+")))).isTrue();
    assertThat(HiveMqGrants.exact(List.of(deny("a/+/c"), deny("x/#"), allow("+/#"), allow("#"))))
        .isTrue();
  }

  @Test
  void literalAllow_whoseTrailingSlashTopicIsDenied_isNotExact() {
    // alone, allow a/b leaves a/b/ denied by MQTT; HiveMQ's literal match would allow it
    List<PublishGrant> grants = List.of(allow("a/b"));
    assertThat(mqtt(grants, "a/b/")).isFalse();
    assertThat(hiveMq(grants, "a/b/")).isTrue();
    assertThat(HiveMqGrants.exact(grants)).isFalse();
  }

  @Test
  void literalAllow_withItsTrailingSlashTopicsAllowedByAWildcard_isExact() {
    List<PublishGrant> grants = List.of(allow("a/b"), allow("a/b/#"));
    assertThat(mqtt(grants, "a/b/")).isTrue();
    assertThat(mqtt(grants, "a/b//")).isTrue();
    assertThat(HiveMqGrants.exact(grants)).isTrue();
  }

  @Test
  void literalAllow_coveredByAnEarlierWildcard_isExact() {
    assertThat(HiveMqGrants.exact(List.of(allow("a/#"), allow("a/b")))).isTrue();
  }

  @Test
  void literalAllow_whoseDoubleTrailingSlashTopicIsDenied_isNotExact() {
    // a/b/ is allowed by a/b/+, but a/b// is not: HiveMQ's literal match would allow it
    List<PublishGrant> grants = List.of(allow("a/b"), allow("a/b/+"));
    assertThat(mqtt(grants, "a/b/")).isTrue();
    assertThat(mqtt(grants, "a/b//")).isFalse();
    assertThat(hiveMq(grants, "a/b//")).isTrue();
    assertThat(HiveMqGrants.exact(grants)).isFalse();
  }

  @Test
  void literalDeny_withAWildcardAllow_isNotExact_becauseHiveMqAlsoDeniesItsTrailingSlashTopic() {
    List<PublishGrant> grants = List.of(deny("a/b"), allow("a/#"));
    assertThat(mqtt(grants, "a/b/")).isTrue();
    assertThat(hiveMq(grants, "a/b/")).isFalse();
    assertThat(HiveMqGrants.exact(grants)).isFalse();
  }

  @Test
  void literalDeny_whoseTrailingSlashTopicsAreDeniedAnyway_isExact() {
    // nothing allows a/b/ or a/b//: the literal deny widening to them changes no decision
    assertThat(HiveMqGrants.exact(List.of(deny("a/b"), allow("a/+")))).isTrue();
    assertThat(HiveMqGrants.exact(List.of(deny("a/b"), deny("a/b/#"), allow("a/#")))).isTrue();
  }

  @Test
  void trailingSlashProbes_reachTheDepthOfTheDeepestFilter() {
    // +/+/+ allows a/b/ (3 levels) but not a/b// (4 levels), which HiveMQ's a/b allows
    List<PublishGrant> grants = List.of(allow("a/b"), allow("+/+/+"));
    assertThat(mqtt(grants, "a/b/")).isTrue();
    assertThat(mqtt(grants, "a/b//")).isFalse();
    assertThat(hiveMq(grants, "a/b//")).isTrue();
    assertThat(HiveMqGrants.exact(grants)).isFalse();

    List<PublishGrant> covered = List.of(allow("a/b"), allow("+/+/+"), allow("+/+/+/+"));
    assertThat(HiveMqGrants.exact(covered))
        .as("a/b/// (5 levels) is allowed by no wildcard")
        .isFalse();
    List<PublishGrant> allCovered = List.of(allow("a/b"), allow("+/+/#"));
    assertThat(HiveMqGrants.exact(allCovered)).isTrue();
  }

  @Test
  void literalFilterEndingInSlash_isNotRepresentable() {
    // HiveMQ strips it to a/b, which MQTT-wise is a different filter
    assertThat(HiveMqGrants.exact(List.of(allow("a/b/")))).isFalse();
    assertThat(HiveMqGrants.exact(List.of(deny("/"), allow("#")))).isFalse();
    assertThat(HiveMqGrants.exact(List.of(allow("a//")))).isFalse();
  }

  @Test
  void wildcardFilterEndingInSlash_isNotExact() {
    // HiveMQ strips trailing '/' from wildcard filters too: its a/+/ is a/+, so it would allow a/x
    // (MQTT: a/+/ does not match it) and deny a/x/ (MQTT: a/+/ matches it). Found by
    // HiveMqGrantsEquivalenceTest against HiveMQ's DefaultPermissionsEvaluator.
    assertThat(HiveMqGrants.mqttMatches("a/+/", "a/x/")).isTrue();
    assertThat(HiveMqGrants.mqttMatches("a/+/", "a/x")).isFalse();
    assertThat(HiveMqGrants.exact(List.of(allow("a/+/")))).isFalse();
    assertThat(HiveMqGrants.exact(List.of(allow("+/")))).isFalse();
    assertThat(HiveMqGrants.exact(List.of(deny("+//"), allow("#")))).isFalse();
  }

  @Test
  void wildcardInsideALevel_isNotRepresentable() {
    assertThat(HiveMqGrants.exact(List.of(allow("a+")))).isFalse();
    assertThat(HiveMqGrants.exact(List.of(allow("a/b#")))).isFalse();
    assertThat(HiveMqGrants.exact(List.of(allow("a/+x/c")))).isFalse();
    assertThat(HiveMqGrants.exact(List.of(allow("")))).isFalse();
  }

  @Test
  void notExact_meansNoPermissions() {
    assertThat(
            HiveMqGrants.permissions(
                List.of(allow("a/b")),
                () -> {
                  throw new AssertionError("no builder may be requested for an inexact list");
                }))
        .isNull();
  }

  // ---- mqttMatches(): MQTT topic matching (§4.7) ----

  @Test
  void dollarTopics_areNotMatchedByFirstLevelWildcards() {
    assertThat(HiveMqGrants.mqttMatches("#", "$SYS/x")).isFalse();
    assertThat(HiveMqGrants.mqttMatches("+/x", "$SYS/x")).isFalse();
    assertThat(HiveMqGrants.mqttMatches("+", "$SYS")).isFalse();
    assertThat(HiveMqGrants.mqttMatches("$SYS/#", "$SYS/x")).isTrue();
    assertThat(HiveMqGrants.mqttMatches("$SYS/+", "$SYS/x")).isTrue();
    assertThat(HiveMqGrants.mqttMatches("a/+", "a/$x")).isTrue();
  }

  @Test
  void plus_matchesAnEmptyLevel() {
    assertThat(HiveMqGrants.mqttMatches("a/+", "a/")).isTrue();
    assertThat(HiveMqGrants.mqttMatches("+/b", "/b")).isTrue();
    assertThat(HiveMqGrants.mqttMatches("a/+/c", "a//c")).isTrue();
    assertThat(HiveMqGrants.mqttMatches("+", "/")).isFalse();
    assertThat(HiveMqGrants.mqttMatches("a/+", "a")).isFalse();
  }

  @Test
  void hash_matchesTheParentLevel_andEverythingBelow() {
    assertThat(HiveMqGrants.mqttMatches("a/#", "a")).isTrue();
    assertThat(HiveMqGrants.mqttMatches("a/#", "a/")).isTrue();
    assertThat(HiveMqGrants.mqttMatches("a/#", "a/b/c")).isTrue();
    assertThat(HiveMqGrants.mqttMatches("a/#", "ab")).isFalse();
    assertThat(HiveMqGrants.mqttMatches("#", "/")).isTrue();
    assertThat(HiveMqGrants.mqttMatches("/#", "/a")).isTrue();
    assertThat(HiveMqGrants.mqttMatches("/#", "a")).isFalse();
  }

  @Test
  void literalFilters_matchExactly_trailingAndRepeatedSlashesAreLevels() {
    assertThat(HiveMqGrants.mqttMatches("a/b", "a/b")).isTrue();
    assertThat(HiveMqGrants.mqttMatches("a/b", "a/b/")).isFalse();
    assertThat(HiveMqGrants.mqttMatches("a/b", "/a/b")).isFalse();
    assertThat(HiveMqGrants.mqttMatches("a/b", "a//b")).isFalse();
    assertThat(HiveMqGrants.mqttMatches("a/b/", "a/b/")).isTrue();
    assertThat(HiveMqGrants.mqttMatches("a/b", "a")).isFalse();
  }

  // ---- decide(): first match, qos and retain constraints ----

  @Test
  void noApplicableEntry_denies() {
    assertThat(mqtt(List.of(), "a")).isFalse();
    assertThat(mqtt(List.of(allow("b")), "a")).isFalse();
  }

  @Test
  void firstApplicableEntry_decides() {
    List<PublishGrant> grants = List.of(deny("a/secret"), allow("a/+"));
    assertThat(mqtt(grants, "a/secret")).isFalse();
    assertThat(mqtt(grants, "a/public")).isTrue();
  }

  @Test
  void qosAboveMaxQos_makesAnEntryNotApply_andTheNextOneDecides() {
    List<PublishGrant> grants = List.of(deny("a/#", 0, null), allow("a/#", 1, null));
    assertThat(HiveMqGrants.decide(grants, "a/x", 0, false, false)).isFalse();
    assertThat(HiveMqGrants.decide(grants, "a/x", 1, false, false)).isTrue();
    assertThat(HiveMqGrants.decide(grants, "a/x", 2, false, false)).isFalse();
  }

  @Test
  void retainConstraint_makesAnEntryNotApply_andTheNextOneDecides() {
    List<PublishGrant> grants = List.of(deny("a/#", 2, true), allow("a/#", 2, null));
    assertThat(HiveMqGrants.decide(grants, "a/x", 1, true, false)).isFalse();
    assertThat(HiveMqGrants.decide(grants, "a/x", 1, false, false)).isTrue();

    List<PublishGrant> onlyUnretained = List.of(allow("a/#", 2, false));
    assertThat(HiveMqGrants.decide(onlyUnretained, "a/x", 0, false, false)).isTrue();
    assertThat(HiveMqGrants.decide(onlyUnretained, "a/x", 0, true, false)).isFalse();
  }

  @Test
  void constrainedLiteralDeny_isNotExact_whenItsTrailingSlashTopicIsAllowedForThoseMessages() {
    // deny a/b only for retained messages; for non-retained ones HiveMQ and MQTT agree anyway
    List<PublishGrant> grants = List.of(deny("a/b", 2, true), allow("a/#"));
    assertThat(HiveMqGrants.decide(grants, "a/b/", 0, true, false)).isTrue();
    assertThat(HiveMqGrants.decide(grants, "a/b/", 0, true, true)).isFalse();
    assertThat(HiveMqGrants.decide(grants, "a/b/", 0, false, true)).isTrue();
    assertThat(HiveMqGrants.exact(grants)).isFalse();
  }

  @Test
  void hiveMqMatching_stripsTrailingSlashesOnlyForLiteralFilters() {
    assertThat(hiveMq(List.of(allow("a/b")), "a/b//")).isTrue();
    assertThat(hiveMq(List.of(allow("a/+")), "a/b/")).isFalse();
    assertThat(hiveMq(List.of(allow("a/b/#")), "a/b/")).isTrue();
  }
}

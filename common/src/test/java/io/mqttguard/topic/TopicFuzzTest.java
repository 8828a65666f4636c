package io.mqttguard.topic;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for topic parsing and matching. Properties: the only exception that escapes is
 * {@link InvalidTopicException}; {@code problem()} and {@code of()} agree; matching, containment
 * and intersection never throw and are consistent with each other.
 *
 * <p>In {@code ./mvnw verify} these run the checked-in corpus (regression mode) and, in the {@code
 * fuzz-short} executions of common/pom.xml, a few seconds of coverage-guided fuzzing each.
 */
class TopicFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void parse_anyString_throwsOnlyInvalidTopicAndAgreesWithProblem(FuzzedDataProvider data) {
    String s = data.consumeRemainingAsString();
    assertThat(parses(s, true)).isEqualTo(TopicFilter.problem(s) == null);
    assertThat(parses(s, false)).isEqualTo(TopicName.problem(s) == null);
    if (SharedSubscription.isShared(s)) {
      try {
        var unused = SharedSubscription.parse(s);
      } catch (InvalidTopicException expected) {
        // documented failure
      }
    }
  }

  @FuzzTest(maxDuration = "10s")
  void setOperations_neverThrowAndAreConsistent(FuzzedDataProvider data) {
    String a = data.consumeString(40);
    String b = data.consumeString(40);
    String t = data.consumeRemainingAsString();
    if (TopicFilter.problem(a) != null
        || TopicFilter.problem(b) != null
        || TopicName.problem(t) != null) {
      return;
    }
    TopicFilter fa = TopicFilter.of(a);
    TopicFilter fb = TopicFilter.of(b);
    TopicName topic = TopicName.of(t);
    if (fa.contains(fb) && fb.matches(topic)) {
      assertThat(fa.matches(topic)).as("%s contains %s and %s matches %s", a, b, b, t).isTrue();
    }
    if (fa.matches(topic) && fb.matches(topic)) {
      assertThat(fa.intersects(fb)).as("%s and %s both match %s", a, b, t).isTrue();
    }
    assertThat(fa.intersects(fb)).isEqualTo(fb.intersects(fa));
  }

  private static boolean parses(String s, boolean filter) {
    try {
      var unused = filter ? TopicFilter.of(s) : TopicName.of(s);
      return true;
    } catch (InvalidTopicException e) {
      return false;
    }
  }
}

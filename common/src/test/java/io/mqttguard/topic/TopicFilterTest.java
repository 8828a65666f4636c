package io.mqttguard.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.topic.InvalidTopicException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicFilterTest {

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // MQTT 3.1.1 §4.7.1.2 / 5.0 §4.7.1.2
        "sport/tennis/player1/# | sport/tennis/player1 | true",
        "sport/tennis/player1/# | sport/tennis/player1/ranking | true",
        "sport/tennis/player1/# | sport/tennis/player1/score/wimbledon | true",
        "sport/# | sport | true",
        "# | sport/tennis | true",
        // §4.7.1.3
        "sport/tennis/+ | sport/tennis/player1 | true",
        "sport/tennis/+ | sport/tennis/player1/ranking | false",
        "sport/+ | sport | false",
        "sport/+ | sport/ | true",
        "+/+ | /finance | true",
        "/+ | /finance | true",
        "+ | /finance | false",
        // §4.7.2 $-topics
        "# | $SYS/broker | false",
        "+/monitor/Clients | $SYS/monitor/Clients | false",
        "$SYS/# | $SYS/monitor/Clients | true",
        "$SYS/monitor/+ | $SYS/monitor/Clients | true",
        // case-sensitive, empty levels are real
        "Sport | sport | false",
        "a//b | a//b | true",
        "a/+/b | a//b | true",
        "a/b | a//b | false",
      })
  void matches_specExamples(String filter, String topic, boolean expected) {
    assertThat(TopicFilter.of(filter).matches(TopicName.of(topic))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a/# | a/+ | true",
        "a/+ | a/# | false",
        "+/# | # | true",
        "# | +/# | true",
        "# | $SYS/# | false",
        "+/# | $SYS/x | false",
        "$SYS/# | $SYS/broker/load | true",
        "a/# | a | true",
        "a/+ | a | false",
        "a/+/c | a/b/c | true",
        "a/b/c | a/+/c | false",
        "a | a | true",
        "a/# | b/# | false",
        "sensors/# | sensors/+/temp | true",
        "x/+/# | x/# | false",
        "a | a/b | false",
        "a/+ | a/b/c | false",
        "+ | + | true",
      })
  void contains_examples(String outer, String inner, boolean expected) {
    assertThat(TopicFilter.of(outer).contains(TopicFilter.of(inner))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} intersects {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a/+ | +/b | true",
        "a/# | a | true",
        "a/+ | a | false",
        "# | $SYS/# | false",
        "$SYS/# | $SYS/+ | true",
        "a/b | a/c | false",
        "sensors/+/secrets/# | sensors/# | true",
        "a/+/c | a/b/+ | true",
        "+ | a/b | false",
        "/# | + | true", // only the empty string, no topic name: counted (safe side)
        "/# | +/+ | true",
        "/# | # | true",
      })
  void intersects_examples(String a, String b, boolean expected) {
    assertThat(TopicFilter.of(a).intersects(TopicFilter.of(b))).isEqualTo(expected);
    assertThat(TopicFilter.of(b).intersects(TopicFilter.of(a))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "''{0}'' is rejected: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sport/tennis# | MISPLACED_MULTI_LEVEL_WILDCARD",
        "sport/tennis/#/ranking | MISPLACED_MULTI_LEVEL_WILDCARD",
        "sport+ | MISPLACED_SINGLE_LEVEL_WILDCARD",
        "a/+b/c | MISPLACED_SINGLE_LEVEL_WILDCARD",
      })
  void of_misplacedWildcard_isRejectedWithReason(String filter, Reason reason) {
    assertThatThrownBy(() -> TopicFilter.of(filter))
        .isInstanceOfSatisfying(
            InvalidTopicException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @org.junit.jupiter.api.Test
  void of_emptyNulLoneSurrogateOrTooLong_isRejected() {
    assertThat(TopicFilter.problem("")).isEqualTo(Reason.EMPTY);
    assertThat(TopicFilter.problem("a\u0000b")).isEqualTo(Reason.NULL_CHARACTER);
    assertThat(TopicFilter.problem("a\uD800b")).isEqualTo(Reason.ILL_FORMED_UTF8);
    assertThat(TopicFilter.problem("a\uDC00")).isEqualTo(Reason.ILL_FORMED_UTF8);
    assertThat(TopicFilter.problem("a".repeat(65_535))).isNull();
    assertThat(TopicFilter.problem("a".repeat(65_536))).isEqualTo(Reason.TOO_LONG);
    assertThat(TopicFilter.problem("\u00e9".repeat(32_768))).isEqualTo(Reason.TOO_LONG);
    assertThat(TopicName.problem("a/+")).isEqualTo(Reason.WILDCARD_IN_TOPIC_NAME);
  }

  @org.junit.jupiter.api.Test
  void valueTypes_equalByExactStringAndExposeLevels() {
    assertThat(TopicFilter.of("a/+/#")).isEqualTo(TopicFilter.of("a/+/#"));
    assertThat(TopicFilter.of("a/+/#")).isNotEqualTo(TopicFilter.of("A/+/#"));
    assertThat(TopicFilter.of("a/+/#").hashCode()).isEqualTo("a/+/#".hashCode());
    assertThat(TopicFilter.of("a//#").levels()).containsExactly("a", "", "#");
    assertThat(TopicFilter.of("a/+").hasWildcard()).isTrue();
    assertThat(TopicFilter.of("a/b").hasWildcard()).isFalse();
    assertThat(TopicName.of("/a/").levels()).containsExactly("", "a", "");
    assertThat(TopicName.of("x")).isEqualTo(TopicName.of("x")).isNotEqualTo(TopicName.of("y"));
    assertThat(TopicName.of("x").value()).isEqualTo("x");
    assertThat(SharedSubscription.isShared("$share/g/a")).isTrue();
    assertThat(SharedSubscription.isShared("$SHARE/g/a")).isFalse();
  }

  @org.junit.jupiter.api.Test
  void sharedSubscription_parsesGroupAndInnerFilter() {
    SharedSubscription s = SharedSubscription.parse("$share/workers/jobs/+/new");
    assertThat(s.group()).isEqualTo("workers");
    assertThat(s.filter()).isEqualTo(TopicFilter.of("jobs/+/new"));
    assertThat(s.toString()).isEqualTo("$share/workers/jobs/+/new");
    assertThatThrownBy(() -> SharedSubscription.parse("$share/workers"))
        .isInstanceOf(InvalidTopicException.class);
    assertThatThrownBy(() -> SharedSubscription.parse("$share//a"))
        .isInstanceOf(InvalidTopicException.class);
    assertThatThrownBy(() -> SharedSubscription.parse("$share/g+/a"))
        .isInstanceOf(InvalidTopicException.class);
  }
}

package io.mqttguard.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.topic.InvalidTopicException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact boundaries of MQTT string validation (UTF-8 length, surrogates, wildcard positions), of
 * shared-subscription parsing and of the error messages. Written against the mutation report.
 */
class TopicSyntaxEdgeCaseTest {
  private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, 4 bytes in UTF-8

  @Test
  void utf8_validSurrogatePair_isAccepted() {
    assertThat(TopicName.problem("a/" + EMOJI)).isNull();
    assertThat(TopicName.problem(EMOJI)).isNull();
    assertThat(TopicFilter.problem(EMOJI + "/+")).isNull();
    assertThat(TopicName.of("x/" + EMOJI).levels()).containsExactly("x", EMOJI);
  }

  @Test
  void utf8_highSurrogateAtTheEnd_isIllFormed() {
    assertThat(TopicName.problem("a\uD83D")).isEqualTo(Reason.ILL_FORMED_UTF8);
    assertThat(TopicFilter.problem("\uD83D")).isEqualTo(Reason.ILL_FORMED_UTF8);
  }

  @Test
  void utf8_lowSurrogateFirst_isIllFormed() {
    assertThat(TopicName.problem("\uDE00\uD83D")).isEqualTo(Reason.ILL_FORMED_UTF8);
  }

  @Test
  void utf8_surrogatePairsCountFourBytes() {
    // 16383 pairs = 65532 bytes, + 3 ASCII = 65535: the maximum.
    assertThat(TopicName.problem(EMOJI.repeat(16_383) + "abc")).isNull();
    assertThat(TopicName.problem(EMOJI.repeat(16_383) + "abcd")).isEqualTo(Reason.TOO_LONG);
    assertThat(TopicName.problem(EMOJI.repeat(16_384))).isEqualTo(Reason.TOO_LONG);
  }

  @ParameterizedTest(name = "U+{0} counts {1} bytes")
  @CsvSource({"007F, 1", "0080, 2", "07FF, 2", "0800, 3", "FFFF, 3"})
  void utf8_byteLengthPerCharacter_matchesTheEncoding(String hex, int bytesPerChar) {
    String c = String.valueOf((char) Integer.parseInt(hex, 16));
    int fitting = TopicSyntax.MAX_UTF8_BYTES / bytesPerChar;
    int padding = TopicSyntax.MAX_UTF8_BYTES - fitting * bytesPerChar;
    String exactlyMax = c.repeat(fitting) + "a".repeat(padding);
    assertThat(TopicName.problem(exactlyMax)).isNull();
    assertThat(TopicName.problem(exactlyMax + "a")).isEqualTo(Reason.TOO_LONG);
    assertThat(TopicName.problem(c.repeat(fitting + 1))).isEqualTo(Reason.TOO_LONG);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+", "#", "+/a", "#/a", "a/+", "a/#", "a+b"})
  void topicName_anyWildcardCharacter_evenFirst_isRejected(String name) {
    assertThat(TopicName.problem(name)).isEqualTo(Reason.WILDCARD_IN_TOPIC_NAME);
    assertThatThrownBy(() -> TopicName.of(name))
        .isInstanceOfSatisfying(
            InvalidTopicException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.WILDCARD_IN_TOPIC_NAME));
  }

  @Test
  void topicName_emptyOrNul_isRejectedBeforeWildcardCheck() {
    assertThat(TopicName.problem("")).isEqualTo(Reason.EMPTY);
    assertThat(TopicName.problem("+\u0000")).isEqualTo(Reason.NULL_CHARACTER);
  }

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a/b | a | false",
        "a/b/c | a/b | false",
        "a/+/c | a/b | false",
        "+/+ | a | false",
        "a | a/b | false",
        "a/b | a/b | true",
        "$SYS/+ | $SYS/x | true",
        "$SYS | $SYS | true",
      })
  void matches_filterLongerOrShorterThanTopic_neverMatches(
      String filter, String topic, boolean expected) {
    assertThat(TopicFilter.of(filter).matches(TopicName.of(topic))).isEqualTo(expected);
  }

  @Test
  void sharedSubscription_emptyInnerFilter_isMissingSharedFilter() {
    for (String s : new String[] {"$share/g/", "$share/g", "$share/"}) {
      assertThatThrownBy(() -> SharedSubscription.parse(s))
          .as(s)
          .isInstanceOfSatisfying(
              InvalidTopicException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_SHARED_FILTER));
    }
  }

  @Test
  void sharedSubscription_singleCharacterFilterAndGroup_areParsed() {
    SharedSubscription s = SharedSubscription.parse("$share/g/#");
    assertThat(s.group()).isEqualTo("g");
    assertThat(s.filter().value()).isEqualTo("#");
    assertThat(SharedSubscription.parse("$share/g/a").filter().value()).isEqualTo("a");
  }

  @Test
  void sharedSubscription_notShared_orIllFormed_isRejectedWithReason() {
    assertThatThrownBy(() -> SharedSubscription.parse("a/b"))
        .isInstanceOfSatisfying(
            InvalidTopicException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_SHARED_FILTER));
    assertThatThrownBy(() -> SharedSubscription.parse("$share/g/a\uD800"))
        .isInstanceOfSatisfying(
            InvalidTopicException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.ILL_FORMED_UTF8));
    assertThatThrownBy(() -> SharedSubscription.parse("$share/g#/a"))
        .isInstanceOfSatisfying(
            InvalidTopicException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SHARE_GROUP));
    assertThatThrownBy(() -> new SharedSubscription("g\u0000", TopicFilter.of("a")))
        .isInstanceOfSatisfying(
            InvalidTopicException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SHARE_GROUP));
  }

  @Test
  void exceptionMessage_namesKindRuleAndInput_abbreviatedAfter100Characters() {
    String hundred = "x".repeat(100);
    assertThatThrownBy(() -> TopicName.of(hundred + "+"))
        .hasMessage(
            "topic name a topic name must not contain '+' or '#', but was '" + hundred + "...'");
    String ninetyNine = "x".repeat(99);
    assertThatThrownBy(() -> TopicName.of(ninetyNine + "+"))
        .hasMessage(
            "topic name a topic name must not contain '+' or '#', but was '" + ninetyNine + "+'");
    assertThatThrownBy(() -> TopicFilter.of("a\u0000"))
        .hasMessage("topic filter must not contain U+0000, but was 'a\\u0000'");
  }

  @Test
  void reasonRule_describesTheRule() {
    assertThat(Reason.MISPLACED_SINGLE_LEVEL_WILDCARD.rule())
        .isEqualTo("'+' must occupy a whole level");
    assertThat(Reason.EMPTY.rule()).isEqualTo("must not be empty");
  }

  @Test
  void valueTypes_stringFormsAndHashCodes_areTheExactInput() {
    assertThat(TopicFilter.of("a/+").value()).isEqualTo("a/+");
    assertThat(TopicFilter.of("a/+").toString()).isEqualTo("a/+");
    assertThat(TopicName.of("a/b").toString()).isEqualTo("a/b");
    assertThat(TopicName.of("a/b").hashCode()).isEqualTo("a/b".hashCode());
    assertThat(TopicName.of("a/b")).isNotEqualTo("a/b");
    assertThat(TopicFilter.of("a/b")).isNotEqualTo(TopicName.of("a/b"));
  }
}

package io.mqttguard.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicLimitsTest {
  private static String levels(int n) {
    return "a" + "/a".repeat(n - 1);
  }

  @Test
  void levels_areCountedIncludingEmptyOnes_andTheLimitIsInclusive() {
    TopicLimits limits = new TopicLimits(3, 100);
    assertThat(limits.violation("a/b/c")).isNull();
    assertThat(limits.violation("//")).isNull();
    assertThat(limits.violation("a/b/c/d")).contains("more than 3 levels");
    assertThat(limits.violation("///")).contains("maxLevels");
  }

  @Test
  void bytes_areUtf8Bytes_notChars() {
    TopicLimits limits = new TopicLimits(10, 4);
    assertThat(limits.violation("abcd")).isNull();
    assertThat(limits.violation("abcde")).contains("longer than 4 bytes");
    assertThat(limits.violation("\u00e9\u00e9")).isNull(); // 2 x 2 bytes
    assertThat(limits.violation("\u00e9\u00e9a")).contains("maxBytes");
    assertThat(limits.violation("\u20ac")).isNull(); // 3 bytes
    assertThat(limits.violation("\ud83d\ude00")).isNull(); // one supplementary char: 4 bytes
    assertThat(limits.violation("\ud83d\ude00a")).contains("maxBytes");
  }

  @Test
  void defaults_allowEveryTopicAnAclRuleCanName_andRefuseTheDeepFiltersThatCrashedMoquette() {
    assertThat(TopicLimits.DEFAULT.violation(levels(256))).isNull();
    assertThat(TopicLimits.DEFAULT.violation(levels(257))).isNotNull();
    assertThat(TopicLimits.DEFAULT.violation("guest/" + "x/".repeat(3000) + "#")).isNotNull();
    assertThat(TopicLimits.DEFAULT.violation("x".repeat(1024))).isNull();
    assertThat(TopicLimits.DEFAULT.violation("x".repeat(1025))).isNotNull();
  }

  @Test
  void outOfRangeLimits_areRejected() {
    assertThatThrownBy(() -> new TopicLimits(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TopicLimits(257, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TopicLimits(10, 65536))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

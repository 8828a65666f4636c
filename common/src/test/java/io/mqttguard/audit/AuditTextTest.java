package io.mqttguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuditTextTest {

  @Test
  void sanitize_cutsAtTheLimit_andMarksTheCut() {
    assertThat(AuditText.sanitize("x".repeat(128), AuditText.IDENTIFIER_CHARS))
        .isEqualTo("x".repeat(128));
    assertThat(AuditText.sanitize("x".repeat(129), AuditText.IDENTIFIER_CHARS))
        .isEqualTo("x".repeat(128) + "...");
    assertThat(AuditText.sanitize("x".repeat(256), AuditText.TEXT_CHARS))
        .isEqualTo("x".repeat(256));
    assertThat(AuditText.sanitize("x".repeat(257), AuditText.TEXT_CHARS))
        .isEqualTo("x".repeat(256) + "...");
  }

  @Test
  void sanitize_replacesControlCharactersAndUnpairedSurrogates() {
    assertThat(AuditText.sanitize("a\nb\u0000c\uD800", 128)).isEqualTo("a?b?c?");
    assertThat(AuditText.sanitize("\u001b[31mred\u007f", 128)).isEqualTo("?[31mred?");
    assertThat(AuditText.sanitize("x\uDE00\uD83D", 128)).isEqualTo("x??");
  }

  @Test
  void sanitize_keepsSurrogatePairsWhole_evenAtTheCut() {
    String emoji = "\uD83D\uDE00";
    assertThat(AuditText.sanitize("a" + emoji + "b", 128)).isEqualTo("a" + emoji + "b");
    assertThat(AuditText.sanitize("ab" + emoji, 3)).isEqualTo("ab...");
    assertThat(AuditText.sanitize("a" + emoji + "b", 3)).isEqualTo("a" + emoji + "...");
  }

  @Test
  void sanitize_refusesANonPositiveLimit() {
    assertThatThrownBy(() -> AuditText.sanitize("x", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

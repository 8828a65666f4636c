package io.mqttguard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityTextAndGlobTest {
  @Test
  void identityProblem_namesEachDefect() {
    assertThat(IdentityText.identityProblem("ok-id", 10)).isNull();
    assertThat(IdentityText.identityProblem("", 10)).isEqualTo("is empty");
    assertThat(IdentityText.identityProblem("x".repeat(10), 10)).isNull();
    assertThat(IdentityText.identityProblem("x".repeat(11), 10)).contains("longer than 10");
    assertThat(IdentityText.identityProblem("a\uD800b", 10)).contains("unpaired surrogate");
    assertThat(IdentityText.identityProblem("a/b", 10)).contains("'/'");
    assertThat(IdentityText.identityProblem("a\u0000", 10)).contains("U+0000");
    assertThat(IdentityText.identityProblem("a\u007f", 10)).contains("U+007F");
    assertThat(IdentityText.identityProblem("al\uFFFDce", 10)).contains("invalid UTF-8");
  }

  @Test
  void hasLoneSurrogate_acceptsPairs_rejectsHalves() {
    assertThat(IdentityText.hasLoneSurrogate("emoji \uD83D\uDE00 ok")).isFalse();
    assertThat(IdentityText.hasLoneSurrogate("\uD83D")).isTrue();
    assertThat(IdentityText.hasLoneSurrogate("\uD83Dx")).isTrue();
    assertThat(IdentityText.hasLoneSurrogate("x\uDE00")).isTrue();
    assertThat(IdentityText.hasLoneSurrogate("\uDE00\uD83D")).isTrue();
  }

  @Test
  void glob_matchesLikeAShellStar() {
    assertThat(Glob.of("*.devices.acme").matches("gw.devices.acme")).isTrue();
    assertThat(Glob.of("*.devices.acme").matches("devices.acme")).isFalse();
    assertThat(Glob.of("a*a").matches("a")).isFalse();
    assertThat(Glob.of("a*a").matches("aa")).isTrue();
    assertThat(Glob.of("a*b*c").matches("abbc")).isTrue();
    assertThat(Glob.of("a*bc*c").matches("abc")).isFalse();
    assertThat(Glob.of("a*b*b").matches("ab")).isFalse();
    assertThat(Glob.of("x*y*z").matches("x-y-z")).isTrue();
    assertThat(Glob.of("x*y*z").matches("x-z-y")).isFalse();
    assertThat(Glob.of("exact").matches("exact")).isTrue();
    assertThat(Glob.of("exact").matches("exactly")).isFalse();
    assertThat(Glob.of("exact").toString()).isEqualTo("exact");
  }
}

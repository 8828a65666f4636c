package io.mqttguard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientIdPatternTest {
  @Test
  void exact_matchesOnlyItself() {
    ClientIdPattern p = ClientIdPattern.parse("sensor-1");
    assertThat(p.matches("sensor-1", null, null)).isTrue();
    assertThat(p.matches("sensor-10", null, null)).isFalse();
    assertThat(p.matches("sensor-", null, null)).isFalse();
  }

  @Test
  void stars_matchAnyRun_includingEmpty() {
    ClientIdPattern p = ClientIdPattern.parse("a*b*c");
    assertThat(p.matches("abc", null, null)).isTrue();
    assertThat(p.matches("a-x-b-y-c", null, null)).isTrue();
    assertThat(p.matches("acb", null, null)).isFalse();
    assertThat(p.matches("abcd", null, null)).isFalse();
    assertThat(ClientIdPattern.parse("*").matches("anything", null, null)).isTrue();
    assertThat(ClientIdPattern.parse("ab*ba").matches("aba", null, null)).isFalse();
  }

  @Test
  void substitutions_areLiteral_evenIfTheValueContainsAStar() {
    ClientIdPattern p = ClientIdPattern.parse("${user.name}-*");
    assertThat(p.matches("alice-1", "alice", null)).isTrue();
    assertThat(p.matches("bob-1", "alice", null)).isFalse();
    assertThat(p.matches("anything-1", "*", null)).isFalse();
    assertThat(p.matches("*-1", "*", null)).isTrue();
  }

  @Test
  void certCn_withoutCertificate_neverMatches() {
    ClientIdPattern p = ClientIdPattern.parse("${cert.cn}");
    assertThat(p.matches("device-42", "device-42", null)).isFalse();
    assertThat(p.matches("device-42", null, "device-42")).isTrue();
  }

  @Test
  void unknownSubstitution_orTopicCharacters_areLoadErrors() {
    assertThatThrownBy(() -> ClientIdPattern.parse("${client.id}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("${user.name}");
    assertThatThrownBy(() -> ClientIdPattern.parse("${user.name"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientIdPattern.parse("a/b")).hasMessageContaining("'/'");
    assertThatThrownBy(() -> ClientIdPattern.parse("a#")).hasMessageContaining("'#'");
  }
}

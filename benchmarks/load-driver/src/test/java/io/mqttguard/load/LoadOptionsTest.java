package io.mqttguard.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

  private static LoadOptions parse(String... args) {
    return Objects.requireNonNull(LoadOptions.parse(args), "not --help");
  }

  @Test
  void noArguments_giveTheDocumentedDefaults() {
    LoadOptions o = parse();

    assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.measure()).isEqualTo(Duration.ofSeconds(20));
    assertThat(o.publishers()).isEqualTo(8);
    assertThat(o.subscribers()).isEqualTo(8);
    assertThat(o.qos()).containsExactly(0, 1);
    assertThat(o.payloadBytes()).isEqualTo(256);
    assertThat(o.rounds()).isEqualTo(1);
    assertThat(o.fanout()).isFalse();
  }

  @Test
  void flags_areParsed_andFanoutTakesNoValue() {
    LoadOptions o =
        parse("--warmup", "1.5", "--fanout", "--qos", "1", "--rounds", "3", "--only", "ACL,Open");

    assertThat(o.warmup()).isEqualTo(Duration.ofMillis(1500));
    assertThat(o.fanout()).isTrue();
    assertThat(o.qos()).containsExactly(1);
    assertThat(o.rounds()).isEqualTo(3);
    assertThat(o.selected("acl")).isTrue();
    assertThat(o.selected("acl+decrypt")).isFalse();
  }

  @Test
  void help_returnsNull() {
    assertThat(LoadOptions.parse(new String[] {"--help"})).isNull();
  }

  @Test
  void badInput_isRejectedWithTheFlagNamed() {
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--qos", "2"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--qos");
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--payload", "8"}))
        .hasMessageContaining("--payload");
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--bogus", "1"}))
        .hasMessageContaining("unknown option --bogus");
    assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--rounds"}))
        .hasMessageContaining("missing value after --rounds");
  }

  @Test
  void jitWarmup_keepsTheLoadShape_withAOneSecondWindowAndTheFirstQos() {
    LoadOptions o = parse("--qos", "1,0", "--rounds", "5", "--fanout");

    LoadOptions warm = o.jitWarmup();

    assertThat(warm.measure()).isEqualTo(Duration.ofSeconds(1));
    assertThat(warm.qos()).isEqualTo(List.of(1));
    assertThat(warm.rounds()).isEqualTo(1);
    assertThat(warm.fanout()).isTrue();
    assertThat(warm.publishers()).isEqualTo(o.publishers());
  }
}

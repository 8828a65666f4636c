package io.mqttguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LogBudgetTest {
  @Test
  void burstThenDrops_andTheNextWrittenLineReportsTheDropped() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    LogBudget b = LogBudget.tokenBucket(Clock.fixed(t0, ZoneOffset.UTC), 3, 1);
    assertThat(b.take()).isZero();
    assertThat(b.take()).isZero();
    assertThat(b.take()).isZero();
    assertThat(b.take()).isEqualTo(-1);
    assertThat(b.take()).isEqualTo(-1);
    LogBudget later =
        LogBudget.tokenBucket(
            Clock.offset(Clock.fixed(t0, ZoneOffset.UTC), java.time.Duration.ZERO), 1, 1);
    assertThat(later.take()).isZero();
    assertThat(later.take()).isEqualTo(-1);
  }

  @Test
  void tokensRefillWithTime() {
    long[] now = {0};
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(now[0]);
          }
        };
    LogBudget b = LogBudget.tokenBucket(clock, 1, 2);
    assertThat(b.take()).isZero();
    assertThat(b.take()).isEqualTo(-1);
    assertThat(b.take()).isEqualTo(-1);
    now[0] = 500;
    assertThat(b.take()).isEqualTo(2);
  }
}

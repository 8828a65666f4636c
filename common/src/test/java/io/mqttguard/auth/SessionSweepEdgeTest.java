package io.mqttguard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the session registry forgets ended holds (memory bound for many distinct client IDs). */
class SessionSweepEdgeTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final SessionRegistry r = new SessionRegistry(clock);

  private void heldFor(String clientId, Duration expiry) {
    assertThat(r.tryClaim(clientId, "user:a")).isTrue();
    r.connected(clientId, "user:a");
    r.disconnected(clientId, "user:a", expiry);
  }

  @Test
  void endedHolds_areSweptOnTheFirstClaimExactlyOneSweepIntervalLater() {
    heldFor("old", Duration.ofSeconds(1));
    assertThat(r.size()).isEqualTo(1);
    clock.advance(SessionRegistry.SWEEP_EVERY);
    assertThat(r.tryClaim("new", "user:b")).isTrue();
    assertThat(r.size()).as("'old' ended and was swept").isEqualTo(1);
  }

  @Test
  void endedHolds_areKeptUntilTheSweepIntervalHasPassed() {
    heldFor("old", Duration.ofSeconds(1));
    clock.advance(SessionRegistry.SWEEP_EVERY.minusMillis(1));
    assertThat(r.tryClaim("new", "user:b")).isTrue();
    assertThat(r.size()).as("no sweep before the interval").isEqualTo(2);
  }

  @Test
  void heldSessions_surviveTheSweep() {
    heldFor("held", Duration.ofHours(1));
    clock.advance(SessionRegistry.SWEEP_EVERY.multipliedBy(2));
    assertThat(r.tryClaim("new", "user:b")).isTrue();
    assertThat(r.size()).isEqualTo(2);
    assertThat(r.tryClaim("held", "user:b")).isFalse();
  }
}

package io.mqttguard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final SessionRegistry r = new SessionRegistry(clock);

  @Test
  void onlineHolder_blocksOthersBeyondThePendingTimeout() {
    assertThat(r.tryClaim("c", "user:a")).isTrue();
    r.connected("c", "user:a");
    clock.advance(SessionRegistry.PENDING_TIMEOUT.multipliedBy(10));
    assertThat(r.tryClaim("c", "user:b")).isFalse();
  }

  @Test
  void sameHolderReconnecting_staysOnline_untilItsLastConnectionEnds() {
    assertThat(r.tryClaim("c", "user:a")).isTrue();
    r.connected("c", "user:a");
    assertThat(r.tryClaim("c", "user:a")).isTrue();
    r.connected("c", "user:a");
    // The broker drops the older connection first.
    r.disconnected("c", "user:a", Duration.ZERO);
    clock.advance(SessionRegistry.PENDING_TIMEOUT.plusSeconds(1));
    assertThat(r.tryClaim("c", "user:b")).isFalse();
    r.disconnected("c", "user:a", Duration.ZERO);
    assertThat(r.tryClaim("c", "user:b")).isTrue();
  }

  @Test
  void disconnectByAnotherPrincipal_isIgnored() {
    assertThat(r.tryClaim("c", "user:a")).isTrue();
    r.connected("c", "user:a");
    r.disconnected("c", "user:b", Duration.ZERO);
    assertThat(r.tryClaim("c", "user:b")).isFalse();
  }

  @Test
  void heldSession_expiresExactlyAtItsExpiry_andCleanDisconnectFreesTheEntry() {
    assertThat(r.tryClaim("c", "user:a")).isTrue();
    r.connected("c", "user:a");
    r.disconnected("c", "user:a", Duration.ofSeconds(100));
    clock.advance(Duration.ofSeconds(99));
    assertThat(r.tryClaim("c", "user:b")).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(r.tryClaim("c", "user:b")).isTrue();
    r.connected("c", "user:b");
    r.disconnected("c", "user:b", Duration.ZERO);
    assertThat(r.size()).isZero();
  }

  @Test
  void reclaimBySameHolder_keepsItsHeldExpiry() {
    assertThat(r.tryClaim("c", "user:a")).isTrue();
    r.connected("c", "user:a");
    r.disconnected("c", "user:a", Duration.ofHours(1));
    assertThat(r.tryClaim("c", "user:a")).isTrue(); // reconnect attempt that never completes
    clock.advance(SessionRegistry.PENDING_TIMEOUT.plusSeconds(1));
    assertThat(r.tryClaim("c", "user:b")).isFalse(); // still held for the session's hour
  }

  @Test
  void persistentThenCleanSession_ofTheSameHolder_freesTheIdForAnotherAtOnce() {
    assertThat(r.tryClaim("X", "user:a")).isTrue();
    r.connected("X", "user:a");
    r.disconnected("X", "user:a", Duration.ofDays(3650)); // mosquitto_sub -c
    clock.advance(Duration.ofSeconds(5));
    assertThat(r.tryClaim("X", "user:b")).isFalse();
    assertThat(r.tryClaim("X", "user:a")).isTrue(); // clean start, session expiry 0
    r.connected("X", "user:a");
    r.disconnected("X", "user:a", Duration.ZERO);
    assertThat(r.tryClaim("X", "user:b")).as("expiry 0 releases").isTrue();
  }

  @Test
  void eachDisconnect_replacesTheHold_evenWithAShorterExpiry() {
    assertThat(r.tryClaim("X", "user:a")).isTrue();
    r.connected("X", "user:a");
    r.disconnected("X", "user:a", Duration.ofHours(10));
    assertThat(r.tryClaim("X", "user:a")).isTrue();
    r.connected("X", "user:a");
    r.disconnected("X", "user:a", Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(29));
    assertThat(r.tryClaim("X", "user:b")).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(r.tryClaim("X", "user:b")).isTrue();
  }

  @Test
  void abandonedClaim_keepsTheEarlierHold() {
    assertThat(r.tryClaim("X", "user:a")).isTrue();
    r.connected("X", "user:a");
    r.disconnected("X", "user:a", Duration.ofHours(1));
    assertThat(r.tryClaim("X", "user:a")).isTrue();
    r.abandoned("X", "user:a"); // refused after authentication: never connected
    assertThat(r.tryClaim("X", "user:b")).isFalse();
    clock.advance(Duration.ofHours(1));
    assertThat(r.tryClaim("X", "user:b")).isTrue();
  }

  @Test
  void abandonedClaim_whileOnline_neverReleasesTheOnlineConnection() {
    assertThat(r.tryClaim("X", "user:a")).isTrue();
    r.connected("X", "user:a");
    assertThat(r.tryClaim("X", "user:a")).isTrue();
    r.abandoned("X", "user:a");
    clock.advance(SessionRegistry.PENDING_TIMEOUT.multipliedBy(2));
    assertThat(r.tryClaim("X", "user:b")).isFalse();
    r.disconnected("X", "user:a", Duration.ZERO);
    assertThat(r.tryClaim("X", "user:b")).isTrue();
  }

  @Test
  void abandonedClaim_withoutEarlierSession_freesTheIdAtOnce() {
    assertThat(r.tryClaim("X", "user:a")).isTrue();
    r.abandoned("X", "user:a");
    assertThat(r.tryClaim("X", "user:b")).isTrue();
  }
}

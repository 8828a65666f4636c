package io.mqttguard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  LockoutSettings settings(int maxKeys) {
    return new LockoutSettings(
        true, 3, 10, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(4), maxKeys);
  }

  @Test
  void failuresBelowLimit_doNotBlock_limitBlocks() {
    Lockout l = new Lockout(settings(1000), clock);
    l.recordFailure("alice", null);
    l.recordFailure("alice", null);
    assertThat(l.blockedUntil("alice", null)).isNull();
    l.recordFailure("alice", null);
    assertThat(l.blockedUntil("alice", null)).isEqualTo(clock.instant().plusSeconds(30));
    assertThat(l.blockedUntil("bob", null)).isNull();
  }

  @Test
  void repeatedBlocks_doubleUpToTheMaximum() {
    Lockout l = new Lockout(settings(1000), clock);
    long[] expectedSeconds = {30, 60, 120, 240, 240};
    for (long expected : expectedSeconds) {
      for (int i = 0; i < 3; i++) {
        l.recordFailure("alice", null);
      }
      Instant until = l.blockedUntil("alice", null);
      assertThat(until).isEqualTo(clock.instant().plusSeconds(expected));
      clock.advance(Duration.ofSeconds(expected));
      assertThat(l.blockedUntil("alice", null)).isNull();
    }
  }

  @Test
  void failuresOutsideTheWindow_areForgotten() {
    Lockout l = new Lockout(settings(1000), clock);
    l.recordFailure("alice", null);
    l.recordFailure("alice", null);
    clock.advance(Duration.ofMinutes(6));
    l.recordFailure("alice", null);
    assertThat(l.blockedUntil("alice", null)).isNull();
  }

  @Test
  void success_clearsUsernameButNotAddress() {
    Lockout l = new Lockout(settings(1000), clock);
    for (int i = 0; i < 9; i++) {
      l.recordFailure("u" + i, "203.0.113.9");
    }
    l.recordSuccess("u1");
    l.recordFailure("other", "203.0.113.9");
    assertThat(l.blockedUntil("fresh-user", "203.0.113.9")).isNotNull();
    assertThat(l.blockedUntil("fresh-user", "203.0.113.10")).isNull();
  }

  @Test
  void floodOf100kRandomUsernames_memoryStaysBounded_andAddressIsBlocked() {
    Lockout l = new Lockout(settings(10_000), clock);
    for (int i = 0; i < 100_000; i++) {
      l.recordFailure("random-" + i, "198.51.100." + (i % 200));
    }
    assertThat(l.trackedKeys()).isLessThanOrEqualTo(10_000);
    // Every source address made 500 failures: the most recently used ones are still blocked.
    assertThat(l.blockedUntil(null, "198.51.100.199")).isNotNull();
  }

  @Test
  void knownUser_afterFloodFillsTheCache_isStillLockedOut() {
    Lockout l = new Lockout(settings(1_000), clock);
    l.recordFailure("alice", null, true);
    for (int i = 0; i < 50_000; i++) {
      l.recordFailure("random-" + i, null);
    }
    l.recordFailure("alice", null, true);
    l.recordFailure("alice", null, true);
    assertThat(l.blockedUntil("alice", null)).isNotNull();
    assertThat(l.trackedKeys()).isLessThanOrEqualTo(1_000);
    assertThat(l.trackedKnownUsers()).isEqualTo(1);
  }

  @Test
  void knownUser_successClearsItsCount() {
    Lockout l = new Lockout(settings(1_000), clock);
    l.recordFailure("alice", null, true);
    l.recordFailure("alice", null, true);
    l.recordSuccess("alice");
    l.recordFailure("alice", null, true);
    assertThat(l.blockedUntil("alice", null)).isNull();
    assertThat(l.trackedKnownUsers()).isEqualTo(1);
  }

  @Test
  void disabled_neverBlocks() {
    LockoutSettings s = settings(1000);
    Lockout l =
        new Lockout(
            new LockoutSettings(
                false,
                s.maxFailuresPerUsername(),
                s.maxFailuresPerAddress(),
                s.window(),
                s.initialBlock(),
                s.maxBlock(),
                s.maxTrackedKeys()),
            clock);
    for (int i = 0; i < 10; i++) {
      l.recordFailure("alice", "192.0.2.1");
    }
    assertThat(l.blockedUntil("alice", "192.0.2.1")).isNull();
  }

  @Test
  void longUsernames_areTrackedByDigest_yetStayDistinct() {
    Lockout l = new Lockout(settings(1000), clock);
    String a = "x".repeat(5000) + "a";
    String b = "x".repeat(5000) + "b";
    for (int i = 0; i < 3; i++) {
      l.recordFailure(a, null);
    }
    assertThat(l.blockedUntil(a, null)).isNotNull();
    assertThat(l.blockedUntil(b, null)).isNull();
  }

  @Test
  void success_resetsTheUsernameCount() {
    Lockout l = new Lockout(settings(1000), clock);
    l.recordFailure("alice", null);
    l.recordFailure("alice", null);
    l.recordSuccess("alice");
    l.recordFailure("alice", null);
    l.recordFailure("alice", null);
    assertThat(l.blockedUntil("alice", null)).isNull();
  }
}

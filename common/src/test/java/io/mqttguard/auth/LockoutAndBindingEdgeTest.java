package io.mqttguard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Edges of lockout bookkeeping, client-ID patterns, globs and listener TLS rules. */
class LockoutAndBindingEdgeTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  /** 2 failures per username, 3 per address, 5 min window, 30 s first block, 4 min max block. */
  final LockoutSettings settings =
      new LockoutSettings(
          true, 2, 3, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(4), 1000);

  @Test
  void lockout_trackedEntriesExpireWithTheInjectedClock() {
    Lockout l = new Lockout(settings, clock);
    l.recordFailure("alice", "203.0.113.1");
    assertThat(l.trackedKeys()).isEqualTo(2);
    // Entries live for 2 * (window + maxBlock) = 18 minutes after their last write.
    clock.advance(Duration.ofMinutes(17));
    assertThat(l.trackedKeys()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(2));
    assertThat(l.trackedKeys()).isZero();
  }

  @Test
  void lockout_blockedUsername_isReportedEvenIfTheAddressIsNot() {
    Lockout l = new Lockout(settings, clock);
    l.recordFailure("alice", "203.0.113.1");
    l.recordFailure("alice", "203.0.113.2");
    assertThat(l.blockedUntil("alice", "203.0.113.1")).isEqualTo(clock.instant().plusSeconds(30));
    assertThat(l.blockedUntil("alice", null)).isEqualTo(clock.instant().plusSeconds(30));
    assertThat(l.blockedUntil("bob", "203.0.113.1")).isNull();
  }

  @Test
  void lockout_blockedAddress_isReportedForAnyUsername() {
    Lockout l = new Lockout(settings, clock);
    for (int i = 0; i < 3; i++) {
      l.recordFailure("u" + i, "203.0.113.9");
    }
    assertThat(l.blockedUntil("fresh-user", "203.0.113.9"))
        .isEqualTo(clock.instant().plusSeconds(30));
    assertThat(l.blockedUntil(null, "203.0.113.9")).isEqualTo(clock.instant().plusSeconds(30));
  }

  @Test
  void lockout_bothBlocked_reportsTheLaterOfTheTwo() {
    Lockout l = new Lockout(settings, clock);
    // alice's first block (30 s) starts now.
    l.recordFailure("alice", null);
    l.recordFailure("alice", null);
    Instant userUntil = clock.instant().plusSeconds(30);
    // The address gets blocked 10 s later, so it ends later.
    clock.advance(Duration.ofSeconds(10));
    for (int i = 0; i < 3; i++) {
      l.recordFailure(null, "203.0.113.5");
    }
    Instant addrUntil = clock.instant().plusSeconds(30);
    assertThat(l.blockedUntil("alice", "203.0.113.5")).isEqualTo(addrUntil);
    // And the other way round: a username blocked for longer than the address.
    Lockout m = new Lockout(settings, clock);
    for (int i = 0; i < 3; i++) {
      m.recordFailure(null, "203.0.113.6");
    }
    Instant shortAddr = clock.instant().plusSeconds(30);
    clock.advance(Duration.ofSeconds(5));
    m.recordFailure("carol", null);
    m.recordFailure("carol", null);
    assertThat(m.blockedUntil("carol", "203.0.113.6")).isEqualTo(clock.instant().plusSeconds(30));
    assertThat(m.blockedUntil("carol", "203.0.113.6")).isAfter(shortAddr);
    assertThat(userUntil).isBefore(addrUntil);
  }

  @Test
  void lockout_blockDoublesUntilTheMaximum_evenFromADifferentInitialBlock() {
    LockoutSettings s =
        new LockoutSettings(
            true,
            1,
            100,
            Duration.ofMinutes(5),
            Duration.ofSeconds(50),
            Duration.ofSeconds(150),
            10);
    Lockout l = new Lockout(s, clock);
    long[] expected = {50, 100, 150, 150};
    for (long seconds : expected) {
      l.recordFailure("alice", null);
      assertThat(l.blockedUntil("alice", null)).isEqualTo(clock.instant().plusSeconds(seconds));
      clock.advance(Duration.ofSeconds(seconds));
    }
  }

  @Test
  void lockout_settingsAreKept() {
    assertThat(new Lockout(settings, clock).settings()).isSameAs(settings);
  }

  @Test
  void clientIdPattern_literalBeforeAndAfterASubstitution_keepsItsPlace() {
    ClientIdPattern p = ClientIdPattern.parse("pre-${user.name}-post");
    assertThat(p.matches("pre-alice-post", "alice", null)).isTrue();
    assertThat(p.matches("alicepre--post", "alice", null)).isFalse();
    assertThat(p.matches("pre--postalice", "alice", null)).isFalse();
    ClientIdPattern q = ClientIdPattern.parse("x*${cert.cn}");
    assertThat(q.matches("x-42-dev", "u", "dev")).isTrue();
    assertThat(q.matches("devx", "u", "dev")).isFalse();
    assertThat(q.toString()).isEqualTo("x*${cert.cn}");
  }

  @Test
  void glob_middlePiecesMustNotOverlap() {
    assertThat(Glob.of("*ab*ab*").matches("ab")).isFalse();
    assertThat(Glob.of("*ab*ab*").matches("abab")).isTrue();
    assertThat(Glob.of("*aa*aa*").matches("aaa")).isFalse();
    assertThat(Glob.of("a*b*c").matches("abc")).isTrue();
    assertThat(Glob.of("ab*cd").matches("abcd")).isTrue();
    assertThat(Glob.of("ab*cd").matches("abc")).isFalse();
    assertThat(Glob.of("a*b*c").toString()).isEqualTo("a*b*c");
  }

  @Test
  void listenerPolicy_minimumVersionIsInclusive_unknownProtocolsAreRefused() {
    ListenerPolicy tls12 = new ListenerPolicy(AuthMode.PASSWORD, false, true, "TLSv1.2");
    assertThat(tls12.acceptsTls("TLSv1.2")).isTrue();
    assertThat(tls12.acceptsTls("TLSv1.3")).isTrue();
    assertThat(tls12.acceptsTls("TLSv1.1")).isFalse();
    assertThat(tls12.acceptsTls("TLSv1")).isFalse();
    assertThat(tls12.acceptsTls("SSLv3")).isFalse();
    assertThat(tls12.acceptsTls("tlsv1.3")).isFalse();
    ListenerPolicy tls13 = new ListenerPolicy(AuthMode.PASSWORD, false, true, "TLSv1.3");
    assertThat(tls13.acceptsTls("TLSv1.3")).isTrue();
    assertThat(tls13.acceptsTls("TLSv1.2")).isFalse();
  }

  @Test
  void listenerPolicy_minimumBelowTls12_isRefusedAtConstruction() {
    for (String weak : new String[] {"TLSv1", "TLSv1.1", "SSLv3", "TLSv1.4"}) {
      assertThatThrownBy(() -> new ListenerPolicy(AuthMode.PASSWORD, false, true, weak))
          .as(weak)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("minTlsVersion must be TLSv1.2 or TLSv1.3, but was " + weak);
    }
  }
}

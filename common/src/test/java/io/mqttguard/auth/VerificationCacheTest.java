package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerificationCacheTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final VerificationCache cache =
      new VerificationCache(CacheSettings.DEFAULT, clock, new SecureRandom());

  @Test
  void key_dependsOnEveryField_andFieldBoundaries() {
    List<String> keys =
        List.of(
            cache.keyFor("alice", "pw".getBytes(UTF_8), "$h1"),
            cache.keyFor("bob", "pw".getBytes(UTF_8), "$h1"),
            cache.keyFor("alice", "pW".getBytes(UTF_8), "$h1"),
            cache.keyFor("alice", "pw".getBytes(UTF_8), "$h2"),
            // Same concatenation, different boundaries: the length prefixes keep them apart.
            cache.keyFor("alicep", "w".getBytes(UTF_8), "$h1"),
            cache.keyFor("alice", "pw$".getBytes(UTF_8), "h1"));
    Set<String> distinct = new HashSet<>(keys);
    assertThat(distinct).hasSize(keys.size());
    assertThat(cache.keyFor("alice", "pw".getBytes(UTF_8), "$h1")).isEqualTo(keys.get(0));
  }

  @Test
  void key_isAMacUnderAPerInstanceRandomKey_neverThePassword() {
    VerificationCache other =
        new VerificationCache(CacheSettings.DEFAULT, clock, new SecureRandom());
    String k1 = cache.keyFor("alice", "secret-pw".getBytes(UTF_8), "$h");
    assertThat(other.keyFor("alice", "secret-pw".getBytes(UTF_8), "$h")).isNotEqualTo(k1);
    assertThat(k1).doesNotContain("secret").hasSize(44);
  }

  @Test
  void entries_expireAfterTheConfiguredTime_andInvalidateAllClears() {
    String k = cache.keyFor("alice", "pw".getBytes(UTF_8), "$h");
    cache.put(k);
    assertThat(cache.contains(k)).isTrue();
    clock.advance(CacheSettings.DEFAULT.expireAfter().plus(Duration.ofSeconds(1)));
    assertThat(cache.contains(k)).isFalse();
    cache.put(k);
    cache.invalidateAll();
    assertThat(cache.contains(k)).isFalse();
  }

  @Test
  void disabledCache_neverHits() {
    VerificationCache off =
        new VerificationCache(
            new CacheSettings(false, Duration.ofMinutes(1), 10), clock, new SecureRandom());
    String k = off.keyFor("a", new byte[0], "h");
    off.put(k);
    assertThat(off.contains(k)).isFalse();
  }
}

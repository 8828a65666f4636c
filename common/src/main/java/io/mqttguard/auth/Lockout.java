package io.mqttguard.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.jspecify.annotations.Nullable;

/**
 * Failure counting per username and per remote address with exponentially growing blocks.
 *
 * <p>Usernames that exist in the users file are counted in their own table, bounded by the number
 * of users, which no flood can evict: after a flood of random usernames a targeted real account
 * still locks. Unknown usernames and addresses are counted in a cache bounded by {@link
 * LockoutSettings#maxTrackedKeys()} (Caffeine size-based eviction), so a flood cannot exhaust the
 * heap; under such a flood their counts may be evicted (residual risk, see docs/threat-model.md).
 * Thread-safe.
 */
final class Lockout {
  private record State(int failures, Instant windowStart, Instant blockedUntil, int blocks) {}

  private final LockoutSettings settings;
  private final Clock clock;
  private final Cache<String, State> states;
  private final ConcurrentHashMap<String, State> knownUsers = new ConcurrentHashMap<>();

  Lockout(LockoutSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.states =
        Caffeine.newBuilder()
            .maximumSize(settings.maxTrackedKeys())
            .expireAfterWrite(settings.window().plus(settings.maxBlock()).multipliedBy(2))
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .executor(Runnable::run)
            .build();
  }

  LockoutSettings settings() {
    return settings;
  }

  /** Until when the username or the address is blocked, or {@code null} if neither is. */
  @Nullable Instant blockedUntil(@Nullable String username, @Nullable String address) {
    if (!settings.enabled()) {
      return null;
    }
    Instant now = clock.instant();
    Instant user = username == null ? null : until(userKey(username), now);
    Instant addr = address == null ? null : until(addressKey(address), now);
    if (user == null) {
      return addr;
    }
    return addr == null || user.isAfter(addr) ? user : addr;
  }

  private @Nullable Instant until(String key, Instant now) {
    State known = knownUsers.get(key);
    State s = known != null ? known : states.getIfPresent(key);
    return s != null && s.blockedUntil().isAfter(now) ? s.blockedUntil() : null;
  }

  /** Counts one failed password attempt for a username that is not in the users file. */
  void recordFailure(@Nullable String username, @Nullable String address) {
    recordFailure(username, address, false);
  }

  /**
   * Counts one failed password attempt.
   *
   * @param knownUser whether {@code username} exists in the users file (its count is then kept
   *     where floods of unknown usernames cannot evict it)
   */
  void recordFailure(@Nullable String username, @Nullable String address, boolean knownUser) {
    if (!settings.enabled()) {
      return;
    }
    if (username != null) {
      String key = userKey(username);
      if (knownUser) {
        states.invalidate(key);
        knownUsers.compute(key, (k, old) -> next(old, settings.maxFailuresPerUsername()));
      } else {
        count(key, settings.maxFailuresPerUsername());
      }
    }
    if (address != null) {
      count(addressKey(address), settings.maxFailuresPerAddress());
    }
  }

  /** A successful login clears the username's failures (not the address's). */
  void recordSuccess(String username) {
    String key = userKey(username);
    states.invalidate(key);
    knownUsers.remove(key);
  }

  /** Keys in the flood-bounded cache (unknown usernames and addresses). */
  long trackedKeys() {
    states.cleanUp();
    return states.estimatedSize();
  }

  /** Usernames from the users file with failures being counted. */
  int trackedKnownUsers() {
    return knownUsers.size();
  }

  private void count(String key, int max) {
    states.asMap().compute(key, (k, old) -> next(old, max));
  }

  private State next(@Nullable State old, int max) {
    Instant now = clock.instant();
    if (old == null) {
      old = new State(0, now, Instant.EPOCH, 0);
    }
    int blocks = old.blocks();
    boolean fresh = !now.isBefore(old.windowStart().plus(settings.window()));
    int failures = fresh ? 1 : old.failures() + 1;
    Instant windowStart = fresh ? now : old.windowStart();
    Instant blockedUntil = old.blockedUntil();
    if (failures >= max) {
      blockedUntil = now.plus(blockDuration(blocks));
      return new State(0, now, blockedUntil, blocks + 1);
    }
    return new State(failures, windowStart, blockedUntil, blocks);
  }

  private Duration blockDuration(int previousBlocks) {
    Duration d = settings.initialBlock();
    for (int i = 0; i < previousBlocks && d.compareTo(settings.maxBlock()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(settings.maxBlock()) > 0 ? settings.maxBlock() : d;
  }

  private static String userKey(String username) {
    return "u:" + compact(username);
  }

  private static String addressKey(String address) {
    return "a:" + compact(address);
  }

  /** Long keys are replaced by their SHA-256, so each tracked key costs about 100 bytes. */
  private static String compact(String s) {
    if (s.length() <= 64) {
      return s;
    }
    SHA256Digest d = new SHA256Digest();
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    d.update(in, 0, in.length);
    byte[] out = new byte[32];
    var unused = d.doFinal(out, 0);
    return "#" + Base64.getEncoder().encodeToString(out);
  }
}

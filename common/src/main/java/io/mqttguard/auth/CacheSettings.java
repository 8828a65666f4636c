package io.mqttguard.auth;

import java.time.Duration;

/**
 * The cache of successful password verifications. Keys are HMACs (under a per-process random key)
 * of username, presented password and stored hash; the password itself is never stored.
 */
public record CacheSettings(boolean enabled, Duration expireAfter, long maximumSize) {

  /** Enabled, 5 minutes, 10 000 entries. */
  public static final CacheSettings DEFAULT =
      new CacheSettings(true, Duration.ofMinutes(5), 10_000);

  public CacheSettings {
    if (expireAfter.isNegative() || expireAfter.isZero() || maximumSize < 1) {
      throw new IllegalArgumentException("cache expiry and size must be positive");
    }
  }
}

package io.mqttguard.guard;

import java.util.Map;

/**
 * Read-only view of a {@link Guard}'s counters, for the adapter's metric registry. Counters are
 * monotonic since {@link Guard#open}; thread-safe; reads are cheap (no locking).
 */
public interface GuardMetrics {
  /**
   * Registry name of the gauge of {@link #cacheHitRatio()} (a {@code Double}), next to one gauge
   * per {@link GuardMetric} (a {@code Long}, named {@link GuardMetric#metricName()}).
   */
  String CACHE_HIT_RATIO_NAME = "mqttguard.auth.cache.hit-ratio";

  /** Registry name of the gauge of {@link #liveSessions()} (an {@code Integer}). */
  String LIVE_SESSIONS_NAME = "mqttguard.sessions.live";

  /** Prefix of the per-key wear-out gauges: this plus the key ID (see {@link #keyUsage()}). */
  String KEY_USAGE_NAME_PREFIX = "mqttguard.payload.key.usage.";

  /** Name of the gauge of {@link #maxKeyUsage()}. */
  String MAX_KEY_USAGE_NAME = KEY_USAGE_NAME_PREFIX + "max";

  /** The current value of {@code metric}. */
  long count(GuardMetric metric);

  /** All counters at one moment (each read individually; not an atomic cut). */
  Map<GuardMetric, Long> snapshot();

  /**
   * Live connections: sessions accepted and not revoked whose connection has not ended (a session
   * an adapter keeps answering during a closing grace, see {@link ClientSession#connectionEnded},
   * is not counted).
   */
  int liveSessions();

  /**
   * Accepted AEAD envelopes per key ID since the key usage counts began (restored from the {@code
   * keyUsageFile} at start, kept across reloads): watch them for key wear-out (about 2³² messages
   * per key with random nonces; see {@link io.mqttguard.payload.KeyUsage#THRESHOLDS}).
   */
  default Map<Long, Long> keyUsage() {
    return Map.of();
  }

  /** The highest count of {@link #keyUsage()}, 0 when no envelope was counted. */
  default long maxKeyUsage() {
    return keyUsage().values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /** Hit ratio of the verification cache over accepted password logins, 0 when there were none. */
  default double cacheHitRatio() {
    long hits = count(GuardMetric.AUTH_CACHE_HIT);
    long total = hits + count(GuardMetric.AUTH_CACHE_MISS);
    return total == 0 ? 0.0 : (double) hits / total;
  }
}

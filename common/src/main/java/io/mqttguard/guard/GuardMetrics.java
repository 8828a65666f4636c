package io.mqttguard.guard;

import java.util.Map;

/**
 * Read-only view of a {@link Guard}'s counters, for the adapter's metric registry. Counters are
 * monotonic since {@link Guard#open}; thread-safe; reads are cheap (no locking).
 */
public interface GuardMetrics {
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

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

  /** Hit ratio of the verification cache over accepted password logins, 0 when there were none. */
  default double cacheHitRatio() {
    long hits = count(GuardMetric.AUTH_CACHE_HIT);
    long total = hits + count(GuardMetric.AUTH_CACHE_MISS);
    return total == 0 ? 0.0 : (double) hits / total;
  }
}

package io.mqttguard.audit;

import java.time.Clock;

/**
 * A token bucket for log lines about events that anyone on the network can trigger (garbage
 * packets, failed TLS handshakes, oversize packets): at most {@code burst} lines at once and {@code
 * perSecond} on average; lines beyond that are dropped, and the next line written reports how many
 * were. Thread-safe.
 */
public interface LogBudget {
  /**
   * Takes one token.
   *
   * @return {@code -1} if the line must be dropped, otherwise how many lines were dropped since the
   *     last one that was written
   */
  long take();

  /**
   * A token bucket.
   *
   * @param burst lines allowed at once (at least 1)
   * @param perSecond lines per second on average (more than 0)
   */
  static LogBudget tokenBucket(Clock clock, int burst, double perSecond) {
    if (burst < 1 || !(perSecond > 0)) {
      throw new IllegalArgumentException("burst must be >= 1 and perSecond > 0");
    }
    return new TokenBucket(clock, burst, perSecond);
  }
}

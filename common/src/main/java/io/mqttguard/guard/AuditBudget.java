package io.mqttguard.guard;

import java.time.Clock;

/**
 * A token bucket that limits how many deny events one session may write to the audit log (a client
 * hammering a forbidden topic must not flood it). Denials beyond the budget are still enforced and
 * counted in the metrics; the next audited event reports how many were suppressed. Thread-safe.
 */
final class AuditBudget {
  static final int BURST = 20;
  static final int PER_SECOND = 5;

  private final Clock clock;
  private double tokens = BURST;
  private long lastMillis;
  private long suppressed;

  AuditBudget(Clock clock) {
    this.clock = clock;
    this.lastMillis = clock.millis();
  }

  /**
   * Takes one token.
   *
   * @return {@code -1} if the event must be suppressed, otherwise how many events were suppressed
   *     since the last one that was written
   */
  synchronized long take() {
    long now = clock.millis();
    tokens = Math.min(BURST, tokens + Math.max(0, now - lastMillis) * PER_SECOND / 1000.0);
    lastMillis = now;
    if (tokens < 1) {
      suppressed++;
      return -1;
    }
    tokens -= 1;
    long s = suppressed;
    suppressed = 0;
    return s;
  }
}

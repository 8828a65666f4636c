package io.mqttguard.audit;

import java.time.Clock;

/** {@link LogBudget#tokenBucket}. Thread-safe (synchronized). */
final class TokenBucket implements LogBudget {
  private final Clock clock;
  private final int burst;
  private final double perMilli;
  private double tokens;
  private long lastMillis;
  private long dropped;

  TokenBucket(Clock clock, int burst, double perSecond) {
    this.clock = clock;
    this.burst = burst;
    this.perMilli = perSecond / 1000.0;
    this.tokens = burst;
    this.lastMillis = clock.millis();
  }

  @Override
  public synchronized long take() {
    long now = clock.millis();
    tokens = Math.min(burst, tokens + Math.max(0, now - lastMillis) * perMilli);
    lastMillis = now;
    if (tokens < 1) {
      dropped++;
      return -1;
    }
    tokens -= 1;
    long d = dropped;
    dropped = 0;
    return d;
  }
}

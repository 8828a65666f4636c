package io.mqttguard.load;

import java.util.Locale;

/**
 * The outcome of one measured window.
 *
 * @param target the target's name
 * @param round 1-based round of the interleaved sequence
 * @param qos QoS of publishes and subscriptions
 * @param delivered messages received by subscribers inside the window
 * @param seconds length of the window
 * @param p50Micros median end-to-end latency (publish call to subscriber callback)
 * @param p99Micros 99th percentile latency
 * @param maxMicros largest latency seen in the window
 * @param failures publishes the client or broker reported as failed (whole run)
 * @param timeouts window slots given up after 2 s without delivery (lost messages, whole run)
 * @param lost messages sent (whole run) that never arrived: sent × receivers − received, counted
 *     500 ms after the last publish (includes messages the broker refused or dropped)
 * @param corrupt deliveries without the plaintext header (e.g. not decrypted)
 * @param loadAverage the machine's 1-minute load average at the end of the window
 * @param brokerCpuMicros CPU time of the broker's threads during the window (see {@link CpuMeter}),
 *     or {@code -1} if not measurable
 * @param firstFailure the first publish failure (empty if none)
 */
public record Result(
    String target,
    int round,
    int qos,
    long delivered,
    double seconds,
    double p50Micros,
    double p99Micros,
    double maxMicros,
    long failures,
    long timeouts,
    long lost,
    long corrupt,
    double loadAverage,
    double brokerCpuMicros,
    String firstFailure) {

  /** Delivered messages per second. */
  public double rate() {
    return delivered / seconds;
  }

  /** Broker CPU microseconds per delivered message ({@code NaN} if not measured). */
  public double brokerCpuMicrosPerMessage() {
    return brokerCpuMicros < 0 || delivered == 0 ? Double.NaN : brokerCpuMicros / delivered;
  }

  /** One human-readable line. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "round %d qos %d %-14s %9.0f msgs/s  p50 %8.0f us  p99 %8.0f us  max %8.0f us"
            + "  broker %.2f cpu-us/msg"
            + "  (failed %d, lost %d, slot timeouts %d, corrupt %d, load %.1f)%s",
        round,
        qos,
        target,
        rate(),
        p50Micros,
        p99Micros,
        maxMicros,
        brokerCpuMicrosPerMessage(),
        failures,
        lost,
        timeouts,
        corrupt,
        loadAverage,
        firstFailure.isEmpty() ? "" : " first failure: " + firstFailure);
  }
}

package io.mqttguard.moquette;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.mqttguard.guard.GuardMetric;
import io.mqttguard.guard.GuardMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the guard's counters in a Dropwizard {@link MetricRegistry} exactly as the HiveMQ
 * extension does in HiveMQ's registry: one {@code Gauge<Long>} per {@link GuardMetric} named {@link
 * GuardMetric#metricName()}, a {@code Gauge<Double>} {@link GuardMetrics#CACHE_HIT_RATIO_NAME} and
 * a {@code Gauge<Integer>} {@link GuardMetrics#LIVE_SESSIONS_NAME}, and the key wear-out gauges
 * ({@link GuardMetrics#MAX_KEY_USAGE_NAME}, and one per AEAD key counted at start named {@link
 * GuardMetrics#KEY_USAGE_NAME_PREFIX} plus its ID). The gauges read the guard's counters (nothing
 * is counted here). Registration fails if a name is already taken in the registry; {@link #close()}
 * removes what was registered. Not thread-safe (start/stop thread).
 */
final class DropwizardMetrics implements AutoCloseable {
  private final MetricRegistry registry;
  private final List<String> names = new ArrayList<>();

  /**
   * Registers the gauges of {@code metrics} in {@code registry}.
   *
   * @throws IllegalArgumentException if one of the names is already registered (e.g. a second
   *     guarded broker on the same registry); nothing stays registered then
   */
  DropwizardMetrics(MetricRegistry registry, GuardMetrics metrics) {
    this.registry = registry;
    try {
      for (GuardMetric m : GuardMetric.values()) {
        register(m.metricName(), () -> metrics.count(m));
      }
      register(GuardMetrics.CACHE_HIT_RATIO_NAME, metrics::cacheHitRatio);
      register(GuardMetrics.LIVE_SESSIONS_NAME, metrics::liveSessions);
      register(GuardMetrics.MAX_KEY_USAGE_NAME, metrics::maxKeyUsage);
      for (Long keyId : metrics.keyUsage().keySet()) {
        register(
            GuardMetrics.KEY_USAGE_NAME_PREFIX + keyId,
            () -> metrics.keyUsage().getOrDefault(keyId, 0L));
      }
    } catch (IllegalArgumentException e) {
      close();
      throw e;
    }
  }

  private <T> void register(String name, Gauge<T> gauge) {
    Gauge<T> unused = registry.register(name, gauge);
    names.add(name);
  }

  @Override
  public void close() {
    for (String name : names) {
      boolean unused = registry.remove(name);
    }
    names.clear();
  }
}

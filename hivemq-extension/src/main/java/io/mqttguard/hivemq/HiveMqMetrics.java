package io.mqttguard.hivemq;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.mqttguard.guard.GuardMetric;
import io.mqttguard.guard.GuardMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the guard's counters as gauges in HiveMQ's metric registry under {@code io.mqttguard.*}
 * names ({@link GuardMetric#metricName()} plus {@code mqttguard.auth.cache.hit-ratio}, {@code
 * mqttguard.sessions.live}, {@code mqttguard.payload.key.usage.max} and {@code
 * mqttguard.payload.key.usage.<keyId>} for every AEAD key counted at start: key wear-out).
 * Registration replaces leftovers of a previous start; {@link #close()} removes them. Not
 * thread-safe (start/stop thread).
 */
final class HiveMqMetrics implements AutoCloseable {
  static final String HIT_RATIO = GuardMetrics.CACHE_HIT_RATIO_NAME;
  static final String LIVE_SESSIONS = GuardMetrics.LIVE_SESSIONS_NAME;
  static final String KEY_USAGE = GuardMetrics.KEY_USAGE_NAME_PREFIX;
  static final String KEY_USAGE_MAX = GuardMetrics.MAX_KEY_USAGE_NAME;

  private final MetricRegistry registry;
  private final List<String> names = new ArrayList<>();

  HiveMqMetrics(MetricRegistry registry, GuardMetrics metrics) {
    this.registry = registry;
    for (GuardMetric m : GuardMetric.values()) {
      register(m.metricName(), () -> metrics.count(m));
    }
    register(HIT_RATIO, metrics::cacheHitRatio);
    register(LIVE_SESSIONS, metrics::liveSessions);
    register(KEY_USAGE_MAX, metrics::maxKeyUsage);
    for (Long keyId : metrics.keyUsage().keySet()) {
      register(KEY_USAGE + keyId, () -> metrics.keyUsage().getOrDefault(keyId, 0L));
    }
  }

  private <T> void register(String name, Gauge<T> gauge) {
    boolean unusedRemoved = registry.remove(name);
    Gauge<T> unusedRegistered = registry.register(name, gauge);
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

package io.mqttguard.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.mqttguard.guard.GuardMetric;
import io.mqttguard.guard.GuardMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class HiveMqMetricsTest {
  /** Guard metrics whose key usage counts the test sets. */
  static final class KeyCounts implements GuardMetrics {
    final Map<Long, Long> usage = new ConcurrentHashMap<>();

    @Override
    public long count(GuardMetric metric) {
      return 0;
    }

    @Override
    public Map<GuardMetric, Long> snapshot() {
      return Map.of();
    }

    @Override
    public int liveSessions() {
      return 0;
    }

    @Override
    public Map<Long, Long> keyUsage() {
      return Map.copyOf(usage);
    }
  }

  @Test
  void keyUsage_isRegisteredPerKeyAndAsMaximum_andRemovedAtClose() {
    MetricRegistry registry = new MetricRegistry();
    KeyCounts metrics = new KeyCounts();
    metrics.usage.put(1L, 0L);
    metrics.usage.put(2L, 0L);

    HiveMqMetrics registered = new HiveMqMetrics(registry, metrics);
    metrics.usage.put(1L, 5L);
    metrics.usage.put(2L, 300_000_000L);

    assertThat(gauge(registry, "mqttguard.payload.key.usage.1")).isEqualTo(5L);
    assertThat(gauge(registry, "mqttguard.payload.key.usage.2")).isEqualTo(300_000_000L);
    assertThat(gauge(registry, "mqttguard.payload.key.usage.max")).isEqualTo(300_000_000L);
    registered.close();
    assertThat(registry.getGauges()).isEmpty();
  }

  private static Object gauge(MetricRegistry registry, String name) {
    Gauge<?> g = java.util.Objects.requireNonNull(registry.getGauges().get(name), name);
    return g.getValue();
  }
}

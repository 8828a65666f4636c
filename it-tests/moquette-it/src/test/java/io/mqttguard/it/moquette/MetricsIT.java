package io.mqttguard.it.moquette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.moquette.broker.Server;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.guard.GuardMetric;
import io.mqttguard.moquette.GuardedMoquette;
import io.mqttguard.moquette.MqttGuardMoquette;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard's metrics in a Dropwizard {@link MetricRegistry} on a real Moquette broker, with the
 * names and gauge types the HiveMQ extension registers in HiveMQ's registry.
 */
class MetricsIT {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  private static Properties properties() {
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("persistence_enabled", "false");
    return p;
  }

  private GuardedMoquette start(MqttGuardMoquette builder) throws Exception {
    return builder
        .auditSink(AuditSink.discarding())
        .reloadInterval(Duration.ZERO)
        .start(new Server(), properties());
  }

  private static Object gauge(MetricRegistry registry, String name) {
    Gauge<?> g = registry.getGauges().get(name);
    if (g == null) {
      throw new AssertionError("no gauge " + name + " in " + registry.getNames());
    }
    return g.getValue();
  }

  @Test
  void applicationRegistry_countsConnectsAndPublishDecisions_withHiveMqNamesAndTypes()
      throws Exception {
    MetricRegistry registry = new MetricRegistry();
    try (GuardedMoquette broker =
        start(MqttGuardMoquette.from(ConfigDir.write(dir)).metricRegistry(registry))) {
      assertThat(broker.metricRegistry()).isSameAs(registry);
      String tcp = "tcp://127.0.0.1:" + broker.port();

      MqttClient alice = Clients.paho(tcp, "alice-m1", "alice", true);
      alice.publish("alice/x", "allowed".getBytes(StandardCharsets.UTF_8), 1, false);
      assertThat(gauge(registry, "mqttguard.sessions.live")).isEqualTo(1);
      MqttClient bob = Clients.paho(tcp, "bob-m1", "bob", true);
      assertThatThrownBy(
              () -> bob.publish("alice/x", "denied".getBytes(StandardCharsets.UTF_8), 1, false))
          .isInstanceOf(MqttException.class); // Moquette: a denied publish closes the connection
      var wrong = Clients.pahoOptions("alice", true);
      wrong.setPassword("wrong".toCharArray());
      assertThatThrownBy(() -> Clients.connect(tcp, "alice-m2", wrong))
          .isInstanceOf(MqttException.class);
      alice.disconnect();
      alice.close();
      bob.close();

      assertThat(gauge(registry, "mqttguard.auth.success")).isEqualTo(2L);
      assertThat(gauge(registry, "mqttguard.auth.failure")).isEqualTo(1L);
      assertThat(gauge(registry, "mqttguard.acl.publish.denied")).isEqualTo(1L);
      assertThat(gauge(registry, "mqttguard.auth.cache.miss")).isEqualTo(2L);
      assertThat(gauge(registry, "mqttguard.auth.cache.hit-ratio")).isEqualTo(0.0);
      assertThat(registry.getNames())
          .containsExactlyInAnyOrderElementsOf(
              Stream.concat(
                      Arrays.stream(GuardMetric.values()).map(GuardMetric::metricName),
                      Stream.of(
                          "mqttguard.auth.cache.hit-ratio",
                          "mqttguard.sessions.live",
                          "mqttguard.payload.key.usage.max",
                          "mqttguard.payload.key.usage.7")) // the test config's one AEAD key
                  .toList());
    }
    assertThat(registry.getNames()).as("removed when the broker stops").isEmpty();
  }

  @Test
  void withoutARegistry_theBrokerHasItsOwn_andASecondBrokerOnATakenRegistryIsRefused()
      throws Exception {
    try (GuardedMoquette broker = start(MqttGuardMoquette.from(ConfigDir.write(dir)))) {
      MetricRegistry own = broker.metricRegistry();
      assertThat(gauge(own, "mqttguard.auth.success")).isEqualTo(0L);

      assertThatThrownBy(() -> start(MqttGuardMoquette.from(dir).metricRegistry(own)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("mqttguard.");
      assertThat(gauge(own, "mqttguard.auth.success"))
          .as("the first broker's gauges stay")
          .isEqualTo(0L);
    }
  }
}

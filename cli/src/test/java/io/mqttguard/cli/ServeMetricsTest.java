package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --broker moquette --metrics}: the guard's Dropwizard gauges on the console. */
class ServeMetricsTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void moquette_metrics_printsTheCountersPeriodicallyAndAtStop() throws Exception {
    assumeTrue(
        MoquetteServer.bundled(),
        "the Moquette runner is bundled by 'package' builds (./mvnw -pl cli -am package)");
    ServeRun serve = ServeRun.start(ServeRun.copyQuickstart(dir), "moquette", "--metrics=1");
    try {
      Mqtt3BlockingClient sensor =
          Mqtt3Client.builder()
              .identifier("sensor-1")
              .serverHost("127.0.0.1")
              .serverPort(serve.port)
              .buildBlocking();
      var unusedAck =
          sensor
              .connectWith()
              .simpleAuth()
              .username("sensor-1")
              .password("sensor-1-demo-pw".getBytes(StandardCharsets.UTF_8))
              .applySimpleAuth()
              .send();
      sensor.publishWith().topic("sensors/sensor-1/temp").qos(MqttQos.AT_LEAST_ONCE).send();
      try {
        sensor.publishWith().topic("sensors/sensor-2/temp").qos(MqttQos.AT_LEAST_ONCE).send();
      } catch (RuntimeException expected) {
        // Moquette closes the connection of a denied publish
      }

      String line = awaitMetricsLine(serve, "mqttguard.acl.publish.denied=1");
      assertThat(line)
          .startsWith("metrics: mqttguard.acl.publish.denied=1 ")
          .contains(" mqttguard.auth.success=1 ")
          .contains(" mqttguard.auth.failure=0 ")
          .contains(" mqttguard.auth.cache.hit-ratio=0.000 ")
          .contains(" mqttguard.sessions.live=");
    } finally {
      serve.close();
    }
    assertThat(serve.stop()).as(serve.toString()).isEqualTo(0);
    assertThat(serve.out())
        .containsPattern(
            "stopping Moquette 0\\.17\\.\\.\\.\nmetrics at stop: mqttguard\\.acl\\.publish\\.denied=1"
                + " [^\n]* mqttguard\\.auth\\.success=1 [^\n]*\nstopped\n$");
  }

  @Test
  void hivemq_metrics_isRefusedWithTheReason_exit2() {
    Cli.Result r = Cli.run("serve", "--broker", "hivemq", "--metrics", "--config", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "error: --metrics needs --broker moquette; HiveMQ keeps the same metrics in its own"
                + " metric registry (docs/hivemq.md)\n");
  }

  private static String awaitMetricsLine(ServeRun serve, String wanted) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      Optional<String> line =
          Arrays.stream(serve.out().split("\n"))
              .filter(l -> l.startsWith("metrics: ") && l.contains(wanted))
              .findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no metrics line with " + wanted + "\n" + serve);
  }
}

package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts {@code serve} on free ports, as a user does (HiveMQ CE with the built extension zip in
 * this JVM, Moquette in a child JVM), and connects real clients.
 */
class ServeCommandTest {
  private static final byte[] SENSOR_PW = "sensor-1-demo-pw".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ALICE_PW = "alice-demo-pw".getBytes(StandardCharsets.UTF_8);

  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void serve_hivemq_realClientsAreAuthenticatedAndAuthorized() throws Exception {
    assumeTrue(
        HiveMqServer.bundled(),
        "the extension zip is bundled by 'package' builds (./mvnw -pl cli -am package)");
    Path config = ServeRun.copyQuickstart(dir);
    ServeRun serve = ServeRun.start(config, "hivemq");
    try {
      assertThat(serve.out())
          .contains("MQTT Guard on HiveMQ CE")
          .contains("listener tcp  mqtt://localhost:" + serve.port)
          .contains("listener tls  mqtts://localhost:" + serve.tlsPort)
          .contains(
              "mosquitto_pub -h localhost -p "
                  + serve.port
                  + " -q 1 -u sensor-1 -P sensor-1-demo-pw");
      assertThat(config.resolve("tls/ca.pem")).exists();

      Mqtt5BlockingClient alice = client5("alice", serve.port);
      alice
          .connectWith()
          .simpleAuth()
          .username("alice")
          .password(ALICE_PW)
          .applySimpleAuth()
          .send();
      try (Mqtt5BlockingClient.Mqtt5Publishes received =
          alice.publishes(MqttGlobalPublishFilter.ALL)) {
        var unusedSubAck =
            alice.subscribeWith().topicFilter("sensors/#").qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt5BlockingClient sensor = client5("sensor-1", serve.port);
        sensor
            .connectWith()
            .simpleAuth()
            .username("sensor-1")
            .password(SENSOR_PW)
            .applySimpleAuth()
            .send();

        var ok =
            sensor
                .publishWith()
                .topic("sensors/sensor-1/temp")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("21.5".getBytes(StandardCharsets.UTF_8))
                .send();
        assertThat(ok.getError()).isEmpty();
        Optional<Mqtt5Publish> got = received.receive(20, TimeUnit.SECONDS);
        assertThat(got)
            .hasValueSatisfying(
                p -> assertThat(p.getTopic().toString()).isEqualTo("sensors/sensor-1/temp"));
        assertThat(subscribe5(sensor, "sensors/#"))
            .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
        assertThatThrownBy(
                () ->
                    sensor
                        .publishWith()
                        .topic("sensors/sensor-2/temp")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload("99".getBytes(StandardCharsets.UTF_8))
                        .send())
            .isInstanceOfSatisfying(
                Mqtt5PubAckException.class,
                e ->
                    assertThat(e.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
        assertThat(received.receive(1, TimeUnit.SECONDS)).as("denied publish delivered").isEmpty();
      }
      alice.disconnect();

      Mqtt5BlockingClient intruder = client5("alice", serve.port);
      assertThatThrownBy(
              () ->
                  intruder
                      .connectWith()
                      .simpleAuth()
                      .username("alice")
                      .password("wrong".getBytes(StandardCharsets.UTF_8))
                      .applySimpleAuth()
                      .send())
          .isInstanceOfSatisfying(
              Mqtt5ConnAckException.class,
              e ->
                  assertThat(e.getMqttMessage().getReasonCode())
                      .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
      assertThat(secondsUntilClosedAfterHugeHeader(serve.port))
          .as("a 256 MB header before CONNECT is closed by serve's no-connect-idle-timeout (2 s)")
          .isLessThan(6.0);
    } finally {
      serve.close();
    }
    assertThat(serve.stop()).as(serve.toString()).isEqualTo(0);
    assertThat(serve.out()).endsWith("stopping HiveMQ CE...\nstopped\n");
  }

  @Test
  void serve_moquette_runsInAChildJvm_realClientsAreAuthenticatedAndAuthorized() throws Exception {
    assumeTrue(
        MoquetteServer.bundled(),
        "the Moquette runner is bundled by 'package' builds (./mvnw -pl cli -am package)");
    Path config = ServeRun.copyQuickstart(dir);
    ServeRun serve = ServeRun.start(config, "moquette");
    try {
      assertThat(serve.out())
          .contains("MQTT Guard on Moquette 0.17")
          .contains("listener tcp  mqtt://localhost:" + serve.port)
          .contains("a denied publish closes the connection")
          .doesNotContain("mqttv5");

      Mqtt3BlockingClient alice = client3("alice", serve.port);
      var unusedAliceAck =
          alice
              .connectWith()
              .simpleAuth()
              .username("alice")
              .password(ALICE_PW)
              .applySimpleAuth()
              .send();
      try (Mqtt3BlockingClient.Mqtt3Publishes received =
          alice.publishes(MqttGlobalPublishFilter.ALL)) {
        var unusedSubAck =
            alice.subscribeWith().topicFilter("sensors/#").qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt3BlockingClient sensor = client3("sensor-1", serve.port);
        var unusedSensorAck =
            sensor
                .connectWith()
                .simpleAuth()
                .username("sensor-1")
                .password(SENSOR_PW)
                .applySimpleAuth()
                .send();
        sensor
            .publishWith()
            .topic("sensors/sensor-1/temp")
            .qos(MqttQos.AT_LEAST_ONCE)
            .payload("21.5".getBytes(StandardCharsets.UTF_8))
            .send();
        var got = received.receive(20, TimeUnit.SECONDS);
        assertThat(got)
            .hasValueSatisfying(
                p -> assertThat(p.getTopic().toString()).isEqualTo("sensors/sensor-1/temp"));
        assertThatThrownBy(
                () ->
                    sensor
                        .subscribeWith()
                        .topicFilter("sensors/#")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send())
            .isInstanceOfSatisfying(
                Mqtt3SubAckException.class,
                e ->
                    assertThat(e.getMqttMessage().getReturnCodes())
                        .containsExactly(Mqtt3SubAckReturnCode.FAILURE));
      }
      alice.disconnect();

      Mqtt3BlockingClient intruder = client3("alice", serve.port);
      assertThatThrownBy(
              () ->
                  intruder
                      .connectWith()
                      .simpleAuth()
                      .username("alice")
                      .password("wrong".getBytes(StandardCharsets.UTF_8))
                      .applySimpleAuth()
                      .send())
          .isInstanceOfSatisfying(
              Mqtt3ConnAckException.class,
              e ->
                  assertThat(e.getMqttMessage().getReturnCode())
                      .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD));
    } finally {
      serve.close();
    }
    assertThat(serve.stop()).as(serve.toString()).isEqualTo(0);
    assertThat(serve.out()).endsWith("stopping Moquette 0.17...\nstopped\n");
    try (ServerSocket again = new ServerSocket()) {
      again.bind(
          new java.net.InetSocketAddress(
              java.net.InetAddress.getLoopbackAddress(), serve.port)); // the child is gone
    }
  }

  @Test
  void serve_invalidConfig_exits2BeforeStartingAnything() throws Exception {
    Files.writeString(dir.resolve("acl.json"), "{\"roles\": 1}");

    Cli.Result r = Cli.run("serve", "--config", dir.toString(), "--port", "1");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("error: acl.json: /roles: ");
    assertThat(dir.resolve("tls")).doesNotExist();
  }

  @Test
  void serve_badFlags_exit2() {
    Cli.Result broker = Cli.run("serve", "--broker", "mosquitto");
    assertThat(broker.code()).isEqualTo(2);
    assertThat(broker.err()).contains("--broker must be hivemq or moquette, but was 'mosquitto'");
    assertThat(Cli.run("serve", "--port", "70000").err()).contains("--port must be in 1..65535");
    assertThat(Cli.run("serve", "--config", dir.resolve("none").toString()).err())
        .contains("configuration directory not found");
    assertThat(Cli.run("serve", "--port", "1884", "--tls-port", "1884").err())
        .contains("must differ");
  }

  @Test
  void serve_portInUse_exits2WithOneMessage() throws Exception {
    Path config = ServeRun.copyQuickstart(dir);
    try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Cli.Result r =
          Cli.run(
              "serve",
              "--config",
              config.toString(),
              "--port",
              String.valueOf(busy.getLocalPort()),
              "--tls-port",
              String.valueOf(ServeRun.freePort()));

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains("in use");
    }
  }

  private static List<Mqtt5SubAckReasonCode> subscribe5(Mqtt5BlockingClient c, String filter) {
    try {
      return c.subscribeWith()
          .topicFilter(filter)
          .qos(MqttQos.AT_LEAST_ONCE)
          .send()
          .getReasonCodes();
    } catch (Mqtt5SubAckException e) {
      return e.getMqttMessage().getReasonCodes();
    }
  }

  private static Mqtt5BlockingClient client5(String clientId, int port) {
    return MqttClient.builder()
        .useMqttVersion5()
        .identifier(clientId)
        .serverHost("127.0.0.1")
        .serverPort(port)
        .buildBlocking();
  }

  private static Mqtt3BlockingClient client3(String clientId, int port) {
    return MqttClient.builder()
        .useMqttVersion3()
        .identifier(clientId)
        .serverHost("127.0.0.1")
        .serverPort(port)
        .buildBlocking();
  }

  /**
   * Sends a PUBLISH fixed header announcing 268,435,455 bytes and nothing else, as an
   * unauthenticated peer; returns how long the broker took to close the connection (HiveMQ's
   * default would keep it 10 s).
   */
  private static double secondsUntilClosedAfterHugeHeader(int port) throws Exception {
    try (java.net.Socket socket =
        new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(15_000);
      long start = System.nanoTime();
      socket
          .getOutputStream()
          .write(new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});
      socket.getOutputStream().flush();
      int read;
      try {
        read = socket.getInputStream().read();
      } catch (java.net.SocketException reset) {
        read = -1;
      }
      assertThat(read).as("nothing is answered to a peer without CONNECT").isEqualTo(-1);
      return (System.nanoTime() - start) / 1e9;
    }
  }
}

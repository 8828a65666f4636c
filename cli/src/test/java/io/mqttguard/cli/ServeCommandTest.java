package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts {@code serve} on free ports (the built extension zip inside HiveMQ CE) and connects. */
class ServeCommandTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void serve_quickstart_realClientsAreAuthenticatedAndAuthorized() throws Exception {
    assumeTrue(
        HiveMqServer.bundled(),
        "the extension zip is bundled by 'package' builds (./mvnw -pl cli -am package)");
    Path config = copyQuickstart();
    int port = freePort();
    int tlsPort = freePort();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Io io =
        new Io(
            new ByteArrayInputStream(new byte[0]),
            stdout,
            new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true),
            new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true),
            null,
            Clock.systemUTC(),
            new SecureRandom());
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serve =
        new Thread(
            () ->
                exit.set(
                    MqttGuard.run(
                        io,
                        "serve",
                        "--config",
                        config.toString(),
                        "--port",
                        String.valueOf(port),
                        "--tls-port",
                        String.valueOf(tlsPort))));
    serve.start();
    try {
      awaitOutput(stdout, "Ctrl-C stops the broker.", serve);
      String banner = stdout.toString(StandardCharsets.UTF_8);
      assertThat(banner)
          .contains("listener tcp  mqtt://localhost:" + port)
          .contains("mosquitto_pub -h localhost -p " + port + " -u sensor-1 -P sensor-1-demo-pw");
      assertThat(config.resolve("tls/ca.pem")).exists();

      Mqtt5BlockingClient sensor = client("sensor-1", port);
      sensor
          .connectWith()
          .simpleAuth()
          .username("sensor-1")
          .password("sensor-1-demo-pw".getBytes(StandardCharsets.UTF_8))
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
      var denied =
          sensor
              .publishWith()
              .topic("sensors/sensor-2/temp")
              .qos(MqttQos.AT_LEAST_ONCE)
              .payload("99".getBytes(StandardCharsets.UTF_8))
              .send();
      assertThat(denied.getError()).isPresent();
      sensor.disconnect();

      Mqtt5BlockingClient intruder = client("alice", port);
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
    } finally {
      serve.interrupt();
      serve.join(60_000);
    }
    assertThat(exit.get()).isEqualTo(0);
    assertThat(stdout.toString(StandardCharsets.UTF_8)).endsWith("stopped\n");
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
    assertThat(Cli.run("serve", "--broker", "mosquitto").code()).isEqualTo(2);
    assertThat(Cli.run("serve", "--port", "70000").err()).contains("--port must be in 1..65535");
    assertThat(Cli.run("serve", "--config", dir.resolve("none").toString()).err())
        .contains("configuration directory not found");
    assertThat(Cli.run("serve", "--port", "1884", "--tls-port", "1884").err())
        .contains("must differ");
  }

  @Test
  void serve_portInUse_exits2WithOneMessage() throws Exception {
    Path config = copyQuickstart();
    try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Cli.Result r =
          Cli.run(
              "serve",
              "--config",
              config.toString(),
              "--port",
              String.valueOf(busy.getLocalPort()),
              "--tls-port",
              String.valueOf(freePort()));

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains("in use");
    }
  }

  private Path copyQuickstart() throws Exception {
    Path config = Files.createDirectories(dir.resolve("quickstart"));
    try (Stream<Path> files = Files.list(QuickstartExampleTest.QUICKSTART)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, config.resolve(f.getFileName().toString()));
        }
      }
    }
    return config;
  }

  private static Mqtt5BlockingClient client(String clientId, int port) {
    return MqttClient.builder()
        .useMqttVersion5()
        .identifier(clientId)
        .serverHost("127.0.0.1")
        .serverPort(port)
        .buildBlocking();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void awaitOutput(ByteArrayOutputStream out, String text, Thread serve)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (!out.toString(StandardCharsets.UTF_8).contains(text)) {
      if (!serve.isAlive() || Instant.now().isAfter(deadline)) {
        throw new AssertionError("serve did not start:\n" + out.toString(StandardCharsets.UTF_8));
      }
      Thread.sleep(100);
    }
  }
}

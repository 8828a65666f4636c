package io.mqttguard.it.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moquette.broker.Server;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.moquette.GuardedMoquette;
import io.mqttguard.moquette.MqttGuardMoquette;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An embedded Moquette guarded by MQTT Guard with {@code decrypt}, {@code verify-hmac} and {@code
 * verify-signature} rules ({@link TestConfig#PAYLOAD}) delivers what every implementation sealed as
 * plaintext to a subscriber, and refuses a replay, a tampered copy and a client-bound copy sent by
 * another client (MQTT 3.1.1: the publisher is disconnected, nothing is delivered). The CLI's and
 * the C and JS tools' output is published by Paho (Java); the Python library publishes through
 * {@code examples/publish_sealed.py}, a real paho-mqtt client. Two seals of the same reading are
 * both delivered, except version 1 stamps, which carry no nonce (the same bytes within one second
 * are a replay).
 */
class BrokerDeliveryIT {
  static Path config;
  static GuardedMoquette broker;
  static String uri;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    config = dir;
    TestConfig.write(config);
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("persistence_enabled", "false");
    broker =
        MqttGuardMoquette.from(config).auditSink(AuditSink.discarding()).start(new Server(), p);
    uri = "tcp://127.0.0.1:" + broker.port();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  static List<Combination> combinations() {
    return Combination.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void sealedReadings_areDelivered_replaysTamperingAndOtherPublishersAreRefused(Combination c)
      throws Exception {
    String topic = c.topic(c.sealCase().rulePrefix());
    String reading = "reading " + UUID.randomUUID();
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    MqttClient subscriber = connect("sub-" + UUID.randomUUID());
    try {
      subscriber.subscribe(
          topic, 1, (t, m) -> received.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
      byte[] delivered = deliveredCopies(c, topic, reading, received);
      assertRefused(c, "a replay", topic, delivered, c.clientId(), received);
      byte[] tampered = sealed(c, topic, "tampered " + reading);
      tampered[tampered.length - 1] ^= 1;
      assertRefused(c, "a tampered copy", topic, tampered, c.clientId(), received);
      if (c.sealCase().bound()) {
        byte[] bound = sealed(c, topic, reading);
        assertRefused(
            c, "a copy sent by another client", topic, bound, "intruder-" + c.clientId(), received);
      }
    } finally {
      subscriber.disconnect();
      subscriber.close();
    }
  }

  /**
   * Publishes two seals of {@code reading} (one for version 1 stamps, which have no nonce) and
   * checks both are delivered as plaintext; returns bytes the broker has accepted (from the seal
   * tool: for Python the example seals with the library, so one more tool seal is published).
   */
  private static byte[] deliveredCopies(
      Combination c, String topic, String reading, BlockingQueue<String> received)
      throws Exception {
    int copies = c.format() == 1 && c.sealCase().stamp() ? 1 : 2;
    boolean python = c.impl().equals("python");
    byte[] accepted = new byte[0];
    for (int i = 0; i < copies + (python ? 1 : 0); i++) {
      // The tool's copy for Python differs: a v1 stamp of the same reading in the same second
      // would be the same bytes as the example's (no nonce), i.e. a replay.
      String text = i < copies ? reading : reading + " (seal tool)";
      if (python && i < copies) {
        publishWithPythonExample(c, topic, text);
      } else {
        accepted = sealed(c, topic, text);
        publish(c.clientId(), topic, accepted);
      }
      assertThat(received.poll(5, TimeUnit.SECONDS))
          .as("%s: copy %d delivered", c, i + 1)
          .isEqualTo(text);
    }
    return accepted;
  }

  private static void assertRefused(
      Combination c,
      String what,
      String topic,
      byte[] payload,
      String clientId,
      BlockingQueue<String> received)
      throws InterruptedException {
    assertThatThrownBy(() -> publish(clientId, topic, payload))
        .as("%s: %s is refused", c, what)
        .isInstanceOf(MqttException.class);
    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("%s: %s", c, what).isNull();
  }

  private static byte[] sealed(Combination c, String topic, String reading) throws Exception {
    List<String> options = c.sealCase().sealOptions(config, topic, c.clientId());
    byte[] in = reading.getBytes(StandardCharsets.UTF_8);
    Processes.Result r = Implementations.seal(c.impl(), c.format(), options, in);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r.stdout();
  }

  /** {@code examples/publish_sealed.py} under Debian's python3 with paho-mqtt. */
  private static void publishWithPythonExample(Combination c, String topic, String reading)
      throws Exception {
    Path example = Implementations.executable("clients/python/examples/publish_sealed.py");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "/usr/bin/python3",
                example.toString(),
                "--host=127.0.0.1",
                "--port=" + broker.port(),
                "--username=" + TestConfig.USER,
                "--password=" + TestConfig.PASSWORD,
                "--client-id=" + c.clientId(),
                "--topic=" + topic,
                "--message=" + reading,
                "--format-version=" + c.format()));
    cmd.addAll(c.sealCase().keyOptions(config));
    if (c.sealCase().bound()) {
      cmd.add("--bind");
    }
    Processes.Result r = Processes.run(cmd, new byte[0], Duration.ofMinutes(1));
    assertThat(r.exitCode()).as(r.describe()).isZero();
  }

  private static void publish(String clientId, String topic, byte[] payload) throws Exception {
    MqttClient publisher = connect(clientId);
    try {
      publisher.publish(topic, payload, 1, false);
      publisher.disconnect();
    } finally {
      publisher.close();
    }
  }

  private static MqttClient connect(String clientId) throws MqttException {
    MqttClient c = new MqttClient(uri, clientId, new MemoryPersistence());
    c.setTimeToWait(5000);
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(true);
    o.setUserName(TestConfig.USER);
    o.setPassword(TestConfig.PASSWORD.toCharArray());
    try {
      c.connect(o);
    } catch (MqttException e) {
      c.close();
      throw e;
    }
    return c;
  }
}

package io.mqttguard.it.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.Mosquitto;
import io.mqttguard.testsupport.Mqtt5TestClient;
import io.mqttguard.testsupport.RawPackets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The most common client invocation, {@code mosquitto_pub -t t -m hello}: a QoS 0 PUBLISH followed
 * at once by DISCONNECT. The PUBLISH was sent by an authorized connection and must be delivered,
 * even though HiveMQ may report the disconnect before it runs our publish callbacks.
 *
 * <p>Each round uses its own client ID. With one client ID for all rounds, the next round's CONNECT
 * can reach HiveMQ before it has finished with the previous connection, and HiveMQ's takeover
 * ("Disconnecting already connected client ... because another client connects with that id") then
 * occasionally lost that connection's QoS 0 message (3 of 23 runs; no MQTT Guard decision was
 * involved: no deny was logged, with DEBUG logging of HiveMQ's disconnector). That is HiveMQ's QoS
 * 0 semantics under takeover, not the behaviour under test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QosZeroThenDisconnectIT {
  static final int ROUNDS = 20;
  static final Duration WAIT = Duration.ofSeconds(5);

  private GuardBroker broker;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    broker =
        GuardBroker.startIn(tmp, Configs.ACL, Configs.users("op", "op-pw", "[\"operator\"]", null));
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private Mqtt5TestClient subscriber(String clientId, String filter) {
    Mqtt5TestClient sub = Mqtt5TestClient.create(clientId, broker.port("tcp"));
    assertThat(sub.connect("op", "op-pw")).isEqualTo("SUCCESS");
    assertThat(sub.subscribe(filter)).containsExactly("GRANTED_QOS_1");
    return sub;
  }

  @Test
  void qos0PublishThenImmediateDisconnect_rawSocket_everyMessageIsDelivered() throws Exception {
    try (Mqtt5TestClient sub = subscriber("raw-sub", "plant/raw/#")) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < ROUNDS; i++) {
        assertThat(
                RawPackets.publishQos0AndDisconnect(
                    broker.port("tcp"), "raw-pub-" + i, "op", "op-pw", "plant/raw/" + i, "m" + i))
            .isZero();
        expected.add("plant/raw/" + i + "=m" + i);
      }
      assertThat(sub.receiveAll(WAIT)).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void mosquittoPubWithoutQos_everyMessageIsDelivered() throws Exception {
    try (Mqtt5TestClient sub = subscriber("mosq-sub", "plant/mosq/#")) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < ROUNDS; i++) {
        List<String> cmd =
            new ArrayList<>(
                Mosquitto.pub(
                    broker.port("tcp"),
                    i % 2 == 0 ? "mqttv311" : "mqttv5",
                    "mosq-pub-" + i,
                    "op",
                    "op-pw",
                    "plant/mosq/" + i,
                    "m" + i));
        int q = cmd.indexOf("-q");
        cmd.remove(q + 1);
        cmd.remove(q); // QoS 0, the mosquitto_pub default
        assertThat(Mosquitto.run(cmd, 15).exitCode()).isZero();
        expected.add("plant/mosq/" + i + "=m" + i);
      }
      assertThat(sub.receiveAll(WAIT)).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}

package io.mqttguard.it.hivemq;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.testsupport.Mqtt5TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protected payload over its rule's {@code maxPayloadBytes} (issue 15 item 5): MQTT 5 publishers
 * get PUBACK {@code QUOTA_EXCEEDED} (0x97, a code MQTT 5 allows in a PUBACK; 0x95 is not) and stay
 * connected, MQTT 3.1.1 publishers are disconnected; nothing is delivered; the audit says {@code
 * OVERSIZE}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OversizePayloadIT {
  static final Duration QUIET = Duration.ofMillis(1500);

  static final String PAYLOAD_RULES =
      """
      {"rules": [
        {"name": "small", "topics": ["plant/enc/#"], "action": "decrypt", "keys": [1],
         "maxPayloadBytes": 128}
      ]}
      """;

  private GuardBroker broker;
  private PayloadSealer sealer;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    String keys = PayloadIT.keysJson();
    sealer = PayloadIT.sealerFor(keys);
    broker =
        GuardBroker.startIn(
            tmp,
            Configs.ACL,
            Configs.users(
                "op", "op-pw", "[\"operator\"]", null, "op2", "op2-pw", "[\"operator\"]", null),
            "keys.json",
            keys,
            "payload.json",
            PAYLOAD_RULES);
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private static byte[] text(int length) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) 'a');
    return b;
  }

  @Test
  void mqtt5_oversizeSealedPayload_getsPubAckQuotaExceeded_staysConnected_nothingDelivered()
      throws Exception {
    try (Mqtt5TestClient sub = broker.connected("os-sub", "op2");
        Mqtt5TestClient pub = broker.connected("os-pub", "op")) {
      assertThat(sub.subscribe("plant/enc/#")).containsExactly("GRANTED_QOS_1");
      byte[] big = sealer.seal("plant/enc/big", text(300));
      byte[] small = sealer.seal("plant/enc/small", "21.5".getBytes(UTF_8));
      assertThat(big.length).isGreaterThan(128);
      assertThat(small.length).isLessThanOrEqualTo(128);

      assertThat(pub.publish("plant/enc/big", big, false)).isEqualTo("QUOTA_EXCEEDED");
      assertThat(pub.isConnected()).isTrue();
      assertThat(pub.publish("plant/enc/small", small, false)).isEqualTo("SUCCESS");
      assertThat(sub.receiveAll(QUIET)).containsExactly("plant/enc/small=21.5");
      assertThat(broker.logLines())
          .anyMatch(
              l ->
                  l.contains("\"event\":\"payload\"")
                      && l.contains("\"reasonCode\":\"OVERSIZE\"")
                      && l.contains("\"clientId\":\"os-pub\""));
    }
  }

  @Test
  void mqtt311_oversizeSealedPayload_disconnectsThePublisher_nothingDelivered() throws Exception {
    Mqtt3BlockingClient pub =
        Mqtt3Client.builder()
            .identifier("os-pub3")
            .serverHost("127.0.0.1")
            .serverPort(broker.port("tcp"))
            .buildBlocking();
    try (Mqtt5TestClient sub = broker.connected("os-sub3", "op2")) {
      assertThat(sub.subscribe("plant/enc/#")).containsExactly("GRANTED_QOS_1");
      var unused =
          pub.connectWith()
              .simpleAuth()
              .username("op")
              .password("op-pw".getBytes(UTF_8))
              .applySimpleAuth()
              .send();
      byte[] big = sealer.seal("plant/enc/big3", text(300));

      assertThatThrownBy(
              () ->
                  pub.publishWith()
                      .topic("plant/enc/big3")
                      .qos(MqttQos.AT_LEAST_ONCE)
                      .payload(big)
                      .send())
          .as("no PUBACK: MQTT 3.1.1 has no negative acknowledgement")
          .isInstanceOf(RuntimeException.class);
      assertThat(pub.getState().isConnected()).isFalse();
      assertThat(sub.receiveAll(QUIET)).isEmpty();
    }
  }
}

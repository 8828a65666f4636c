package io.mqttguard.it.hivemq;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.testsupport.Mqtt5TestClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One publisher cannot fill the replay cache for everyone: with {@code maxPerPublisher} 3, the
 * fourth live envelope of user op2 gets PUBACK QUOTA_EXCEEDED (0x97), op3 is still delivered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayShareIT {
  static final String PAYLOAD_RULES =
      """
      {"replay": {"cacheSize": 16, "maxPerPublisher": 3},
       "rules": [{"name": "telemetry", "topics": ["plant/enc/#"], "action": "decrypt",
                  "keys": [1]}]}
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
                "op",
                "op-pw",
                "[\"operator\"]",
                null,
                "op2",
                "op2-pw",
                "[\"operator\"]",
                null,
                "op3",
                "op3-pw",
                "[\"operator\"]",
                null),
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

  private byte[] sealed(String topic, String text) throws Exception {
    return sealer.seal(topic, text.getBytes(UTF_8));
  }

  @Test
  void publisherOverItsShare_getsQuotaExceeded_otherPublisherStillDelivered() throws Exception {
    try (Mqtt5TestClient sub = broker.connected("op-share", "op");
        Mqtt5TestClient a = broker.connected("op2-share", "op2");
        Mqtt5TestClient b = broker.connected("op3-share", "op3")) {
      assertThat(sub.subscribe("plant/enc/#")).containsExactly("GRANTED_QOS_1");
      for (int i = 0; i < 3; i++) {
        assertThat(a.publish("plant/enc/a", sealed("plant/enc/a", "a" + i), false))
            .isEqualTo("SUCCESS");
      }

      assertThat(a.publish("plant/enc/a", sealed("plant/enc/a", "a3"), false))
          .isEqualTo("QUOTA_EXCEEDED");
      assertThat(b.publish("plant/enc/b", sealed("plant/enc/b", "b0"), false)).isEqualTo("SUCCESS");

      assertThat(a.isConnected()).as("MQTT 5 publisher stays connected").isTrue();
      assertThat(sub.receiveAll(PayloadIT.QUIET))
          .containsExactlyInAnyOrder(
              "plant/enc/a=a0", "plant/enc/a=a1", "plant/enc/a=a2", "plant/enc/b=b0");
    }
  }
}

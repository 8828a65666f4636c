package io.mqttguard.it.hivemq;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.Mqtt5TestClient;
import io.mqttguard.testsupport.RawClient;
import io.mqttguard.testsupport.RawPackets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 1 on HiveMQ: topics and filters of thousands of levels that the ACL allows are
 * refused before HiveMQ's subscription tree sees them, per protocol, and the broker keeps serving
 * clients. {@code op} has publish grants HiveMQ enforces natively; {@code metered} has a payload
 * limit, so its PUBLISHes go through the extension's interceptor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicLimitsIT {
  static final String DEEP_FILTER = "plant/" + "x/".repeat(3000) + "#";
  static final String DEEP_TOPIC = "plant/" + "x/".repeat(3000) + "end";
  static final String ACL =
      """
      {"roles": {
        "operator": {"rules": [
          {"effect": "allow", "actions": ["publish", "subscribe", "receive"], "topics": ["plant/#"]}]},
        "metered": {"rules": [
          {"effect": "allow", "actions": ["publish"], "topics": ["plant/#"], "maxPayloadBytes": 100},
          {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["plant/#"]}]}
      }}
      """;

  private GuardBroker broker;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    broker =
        GuardBroker.startIn(
            tmp,
            ACL,
            Configs.users(
                "op", "op-pw", "[\"operator\"]", null, "meter", "meter-pw", "[\"metered\"]", null));
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private RawClient raw(String clientId, String user) throws Exception {
    String password = user.equals("op") ? "op-pw" : "meter-pw";
    return RawClient.connect(broker.port("tcp"), 4, clientId, user, password, true).accepted();
  }

  private void severalClientsStillConnectAndSubscribe(String prefix) throws Exception {
    for (int i = 0; i < 4; i++) {
      try (RawClient c = raw(prefix + i, "op")) {
        assertThat(c.subscribe(1, "plant/still/alive", 1)[0]).isEqualTo(1);
      }
      Mqtt5TestClient v5 = Mqtt5TestClient.create(prefix + "v5-" + i, broker.port("tcp"));
      assertThat(v5.connect("op", "op-pw")).isEqualTo("SUCCESS");
      assertThat(v5.subscribe("plant/still/alive")).containsExactly("GRANTED_QOS_1");
      v5.close();
    }
  }

  private long auditedInvalid(String event) {
    return broker.logLines().stream()
        .filter(l -> l.contains("\"event\":\"" + event + "\""))
        .filter(l -> l.contains("INVALID_REQUEST"))
        .count();
  }

  @Test
  void subscribe_filterOf3000Levels_mqtt311_getsSubackFailure_andIsAudited() throws Exception {
    long before = auditedInvalid("subscribe");
    try (RawClient c = raw("deep-sub-311", "op")) {
      assertThat(c.subscribe(1, DEEP_FILTER, 1)[0]).isEqualTo(0x80);
      assertThat(c.subscribe(1, "plant/" + "x".repeat(2000), 1)[0]).isEqualTo(0x80);
      assertThat(c.subscribe(1, "plant/ok/#", 1)[0]).as("the connection stays usable").isEqualTo(1);
      c.sendRaw(RawPackets.disconnect());
    }
    assertThat(auditedInvalid("subscribe") - before).isEqualTo(2);
    severalClientsStillConnectAndSubscribe("after-sub-");
  }

  @Test
  void subscribe_filterOf3000Levels_mqtt5_getsSubackNotAuthorized_andStaysConnected() {
    Mqtt5TestClient c = Mqtt5TestClient.create("deep-sub-v5", broker.port("tcp"));
    assertThat(c.connect("op", "op-pw")).isEqualTo("SUCCESS");
    assertThat(c.subscribe(DEEP_FILTER)).containsExactly("NOT_AUTHORIZED");
    assertThat(c.isConnected()).isTrue();
    c.close();
  }

  @Test
  void unsubscribe_filterOf3000Levels_isAnsweredAndAudited_andTheBrokerKeepsServing()
      throws Exception {
    long before = auditedInvalid("unsubscribe");
    try (RawClient c = raw("deep-unsub", "op")) {
      c.sendUnsubscribe(2, DEEP_FILTER);
      assertThat(c.nextHeader()).isEqualTo(0xB0); // UNSUBACK
      assertThat(c.subscribe(1, "plant/ok/#", 1)[0]).isEqualTo(1);
    }
    assertThat(auditedInvalid("unsubscribe") - before).isEqualTo(1);
    severalClientsStillConnectAndSubscribe("after-unsub-");
  }

  @Test
  void publish_topicOf3000Levels_mqtt311_closesTheConnection_nativeGrantsAndInterceptor()
      throws Exception {
    for (String user : new String[] {"op", "meter"}) {
      try (RawClient c = raw("deep-pub-" + user, user)) {
        c.publish(1, false, 3, DEEP_TOPIC, "x".getBytes(UTF_8));
        assertThat(c.closedWithin(5000)).as(user).isTrue();
      }
    }
    severalClientsStillConnectAndSubscribe("after-pub-");
  }

  @Test
  void publish_topicOf3000Levels_mqtt5_interceptor_getsPubackTopicNameInvalid_andIsAudited() {
    long before = auditedInvalid("publish");
    Mqtt5TestClient c = Mqtt5TestClient.create("deep-pub-v5", broker.port("tcp"));
    assertThat(c.connect("meter", "meter-pw")).isEqualTo("SUCCESS");
    assertThat(c.publish(DEEP_TOPIC, "x")).isEqualTo("TOPIC_NAME_INVALID");
    assertThat(c.isConnected()).isTrue();
    c.close();
    assertThat(auditedInvalid("publish") - before).isEqualTo(1);
  }

  @Test
  void publish_topicOf3000Levels_mqtt5_nativeGrants_isRefusedNotAuthorized() {
    Mqtt5TestClient c = Mqtt5TestClient.create("deep-pub-native-v5", broker.port("tcp"));
    assertThat(c.connect("op", "op-pw")).isEqualTo("SUCCESS");
    assertThat(c.publish(DEEP_TOPIC, "x")).isIn("NOT_AUTHORIZED", "Mqtt5DisconnectException");
  }

  @Test
  void will_onATopicOf3000Levels_isRefusedAtConnect_andAudited() throws Exception {
    long before = auditedInvalid("publish");
    assertThat(
            RawClient.connAckCodeFor(
                broker.port("tcp"),
                RawPackets.connectWithWill("deep-will", "op", "op-pw", DEEP_TOPIC, 0, false)))
        .isEqualTo(5); // CONNACK not authorized
    assertThat(auditedInvalid("publish") - before).isEqualTo(1);
    severalClientsStillConnectAndSubscribe("after-will-");
  }
}

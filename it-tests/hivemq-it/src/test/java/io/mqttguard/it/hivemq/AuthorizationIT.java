package io.mqttguard.it.hivemq;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.mqttguard.testsupport.Mosquitto;
import io.mqttguard.testsupport.Mqtt5TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * PUBLISH, SUBSCRIBE, delivery, retained, $SYS, shared subscriptions and wills, as the clients see
 * them. "Not received" assertions wait {@link #QUIET} after a positive control message was seen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationIT {
  static final Duration QUIET = Duration.ofMillis(1500);
  static final Duration WAIT = Duration.ofSeconds(5);

  static final String ACL =
      """
      {
        "roles": {
          "operator": {"rules": [
            {"effect": "allow", "actions": ["publish", "subscribe", "receive"], "topics": ["plant/#"]},
            {"effect": "deny", "actions": ["receive"], "topics": ["plant/secret/#"]},
            {"effect": "allow", "actions": ["subscribe"], "topics": ["jobs/#"], "shareGroups": ["workers"]},
            {"effect": "allow", "actions": ["publish", "receive"], "topics": ["jobs/#"]}
          ]},
          "viewer": {"rules": [
            {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["plant/+/status"]}
          ]},
          "admin": {"rules": [
            {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["$SYS/#"]}
          ]}
        }
      }
      """;

  private GuardBroker broker;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    broker =
        GuardBroker.startIn(
            tmp,
            ACL,
            Configs.users(
                "op",
                "op-pw",
                "[\"operator\"]",
                null,
                "viewer",
                "viewer-pw",
                "[\"viewer\"]",
                null,
                "admin",
                "admin-pw",
                "[\"admin\"]",
                null));
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void subscribe_wildcardBeyondGrant_isDenied_exactGrantIsGranted() {
    try (Mqtt5TestClient v = broker.connected("viewer-1", "viewer");
        Mqtt3TestClient v3 = new Mqtt3TestClient("viewer-2", broker.port("tcp"))) {
      assertThat(v.subscribe("plant/#")).containsExactly("NOT_AUTHORIZED");
      assertThat(v.subscribe("plant/+/+")).containsExactly("NOT_AUTHORIZED");
      assertThat(v.subscribe("plant/+/status")).containsExactly("GRANTED_QOS_1");
      assertThat(v.isConnected()).isTrue();
      assertThat(v3.connect("viewer", "viewer-pw")).isEqualTo("SUCCESS");
      assertThat(v3.subscribe("plant/#")).containsExactly("FAILURE");
      assertThat(v3.subscribe("plant/+/status")).containsExactly("SUCCESS_MAXIMUM_QOS_1");
    }
  }

  @Test
  void publish_outsideGrant_mqtt5_pubackNotAuthorizedThenDisconnect_nothingDelivered() {
    try (Mqtt5TestClient op = broker.connected("op-sub-1", "op");
        Mqtt5TestClient viewer = broker.connected("viewer-pub", "viewer")) {
      assertThat(op.subscribe("plant/#")).containsExactly("GRANTED_QOS_1");
      assertThat(viewer.publish("plant/a/status", "forged")).isEqualTo("NOT_AUTHORIZED");
      assertThat(viewer.disconnectReason(WAIT)).contains("NOT_AUTHORIZED");
      assertThat(op.receiveAll(QUIET)).isEmpty();
    }
  }

  @Test
  void publish_outsideGrant_paho311_isDisconnected_nothingDelivered() throws Exception {
    try (Mqtt5TestClient op = broker.connected("op-sub-2", "op")) {
      assertThat(op.subscribe("plant/#")).containsExactly("GRANTED_QOS_1");
      MqttClient paho =
          new MqttClient(
              "tcp://127.0.0.1:" + broker.port("tcp"), "viewer-paho", new MemoryPersistence());
      MqttConnectOptions o = new MqttConnectOptions();
      o.setUserName("viewer");
      o.setPassword("viewer-pw".toCharArray());
      paho.connect(o);
      try {
        paho.publish("plant/b/status", "forged".getBytes(UTF_8), 1, false);
      } catch (org.eclipse.paho.client.mqttv3.MqttException expected) {
        // the broker closes the connection instead of acknowledging
      }
      long end = System.nanoTime() + WAIT.toNanos();
      while (paho.isConnected() && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      assertThat(paho.isConnected()).isFalse();
      paho.close(true);
      assertThat(op.receiveAll(QUIET)).isEmpty();
    }
  }

  @Test
  void receive_denyCarveOut_insideGrantedSubscription_isNotDelivered() {
    try (Mqtt5TestClient sub = broker.connected("op-sub-3", "op");
        Mqtt5TestClient pub = broker.connected("op-pub-3", "op")) {
      assertThat(sub.subscribe("plant/#")).containsExactly("GRANTED_QOS_1");
      assertThat(pub.publish("plant/secret/key", "s3cret")).isEqualTo("SUCCESS");
      assertThat(pub.publish("plant/open/temp", "20")).isEqualTo("SUCCESS");
      assertThat(sub.receiveAll(QUIET)).containsExactly("plant/open/temp=20");
    }
  }

  @Test
  void retained_deniedTopicIsNotDeliveredToLateSubscriber_allowedOneIs() {
    try (Mqtt5TestClient pub = broker.connected("op-pub-4", "op")) {
      assertThat(pub.publish("plant/secret/retained", "r1".getBytes(UTF_8), true))
          .isIn("SUCCESS", "NO_MATCHING_SUBSCRIBERS");
      assertThat(pub.publish("plant/line4/retained", "r2".getBytes(UTF_8), true))
          .isIn("SUCCESS", "NO_MATCHING_SUBSCRIBERS");
    }
    try (Mqtt5TestClient late = broker.connected("op-sub-4", "op")) {
      assertThat(late.subscribe("plant/+/retained")).containsExactly("GRANTED_QOS_1");
      assertThat(late.receiveAllIncludingRetained(QUIET))
          .containsExactly("plant/line4/retained=r2");
    }
  }

  @Test
  void sys_topics_onlyForGrantedRole_hashDoesNotLeakSys() {
    try (Mqtt5TestClient op = broker.connected("op-sys", "op");
        Mqtt5TestClient admin = broker.connected("admin-sys", "admin")) {
      assertThat(op.subscribe("$SYS/#")).containsExactly("NOT_AUTHORIZED");
      assertThat(op.subscribe("#")).containsExactly("NOT_AUTHORIZED");
      assertThat(admin.subscribe("$SYS/#")).containsExactly("GRANTED_QOS_1");
    }
  }

  @Test
  void sharedSubscription_onlyAllowedShareGroup() {
    try (Mqtt5TestClient worker = broker.connected("op-worker", "op");
        Mqtt5TestClient pub = broker.connected("op-pub-5", "op")) {
      assertThat(worker.subscribe("$share/other/jobs/#")).containsExactly("NOT_AUTHORIZED");
      assertThat(worker.subscribe("$share/workers/jobs/#")).containsExactly("GRANTED_QOS_1");
      assertThat(pub.publish("jobs/1", "go")).isEqualTo("SUCCESS");
      assertThat(worker.receiveAll(QUIET)).containsExactly("jobs/1=go");
    }
  }

  @Test
  void will_onForbiddenTopic_refusedAtConnect_allowedWillIsDelivered() {
    try (Mqtt5TestClient bad = Mqtt5TestClient.create("viewer-will", broker.port("tcp"))) {
      String connack =
          bad.connect(
              b ->
                  b.willPublish()
                      .topic("plant/x/status")
                      .payload("bye".getBytes(UTF_8))
                      .qos(MqttQos.AT_LEAST_ONCE)
                      .applyWillPublish(),
              "viewer",
              "viewer-pw");
      assertThat(connack).isEqualTo("NOT_AUTHORIZED");
    }
    try (Mqtt5TestClient sub = broker.connected("op-sub-6", "op");
        Mqtt5TestClient willer = Mqtt5TestClient.create("op-will", broker.port("tcp"))) {
      assertThat(sub.subscribe("plant/wills/#")).containsExactly("GRANTED_QOS_1");
      assertThat(
              willer.connect(
                  b ->
                      b.willPublish()
                          .topic("plant/wills/op")
                          .payload("gone".getBytes(UTF_8))
                          .qos(MqttQos.AT_LEAST_ONCE)
                          .applyWillPublish(),
                  "op",
                  "op-pw"))
          .isEqualTo("SUCCESS");
      willer.disconnectWith(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE);
      assertThat(sub.receiveAll(Duration.ofSeconds(3))).containsExactly("plant/wills/op=gone");
    }
  }

  @Test
  void mosquittoSub_wildcardBeyondGrant_isDenied_retainedProbeNotDelivered() throws Exception {
    try (Mqtt5TestClient pub = broker.connected("op-pub-7", "op")) {
      assertThat(pub.publish("plant/m7/status", "probe".getBytes(UTF_8), true))
          .isIn("SUCCESS", "NO_MATCHING_SUBSCRIBERS");
    }
    Mosquitto.Result denied =
        Mosquitto.run(
            List.of(
                "mosquitto_sub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(broker.port("tcp")),
                "-V",
                "mqttv5",
                "-i",
                "viewer-mosq",
                "-u",
                "viewer",
                "-P",
                "viewer-pw",
                "-t",
                "plant/#",
                "-W",
                "3",
                "-C",
                "1",
                "-v"),
            15);
    assertThat(denied.output()).containsIgnoringCase("denied").doesNotContain("probe");
    Mosquitto.Result granted =
        Mosquitto.run(
            List.of(
                "mosquitto_sub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(broker.port("tcp")),
                "-V",
                "mqttv311",
                "-i",
                "viewer-mosq2",
                "-u",
                "viewer",
                "-P",
                "viewer-pw",
                "-t",
                "plant/m7/status",
                "-W",
                "5",
                "-C",
                "1",
                "-v"),
            15);
    assertThat(granted.output()).contains("plant/m7/status probe");
  }
}

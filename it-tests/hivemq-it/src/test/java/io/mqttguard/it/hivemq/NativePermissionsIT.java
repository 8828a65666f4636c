package io.mqttguard.it.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.Mqtt5TestClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publish rules enforced by HiveMQ's default permissions (no per-message callback) decide exactly
 * like MQTT Guard, including topics that HiveMQ's permission matcher would confuse (a trailing
 * {@code /}); publish rules without an exact HiveMQ form fall back to the inbound interceptor. The
 * {@code mqttguard.acl.publish.denied} counter shows which mechanism decided: only MQTT Guard's own
 * checks count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NativePermissionsIT {
  static final Duration QUIET = Duration.ofMillis(1500);
  static final Duration WAIT = Duration.ofSeconds(5);

  static final String ACL =
      """
      {"roles": {
        "device": {"rules": [
          {"effect": "allow", "actions": ["publish"], "topics": ["dev/${client.id}/+"]}]},
        "meter": {"rules": [
          {"effect": "allow", "actions": ["publish"], "topics": ["meter/${client.id}/reading"]}]},
        "watch": {"rules": [
          {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["#"]}]}
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
                "device",
                "device-pw",
                "[\"device\"]",
                null,
                "meter",
                "meter-pw",
                "[\"meter\"]",
                null,
                "watch",
                "watch-pw",
                "[\"watch\"]",
                null));
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private long publishDenied() {
    return ((Number) broker.gauge("mqttguard.acl.publish.denied")).longValue();
  }

  @Test
  void wildcardRule_isDecidedByHiveMq_trailingSlashTopicIsDenied_nothingDelivered() {
    try (Mqtt5TestClient watcher = broker.connected("watch-1", "watch");
        Mqtt5TestClient d1 = broker.connected("d1", "device")) {
      assertThat(watcher.subscribe("#")).containsExactly("GRANTED_QOS_1");
      long denied = publishDenied();

      assertThat(d1.publish("dev/d1/temp", "21")).isEqualTo("SUCCESS");
      assertThat(watcher.receiveAll(QUIET)).containsExactly("dev/d1/temp=21");
      assertThat(d1.publish("dev/d1/temp/", "forged")).isEqualTo("NOT_AUTHORIZED");
      assertThat(d1.disconnectReason(WAIT)).contains("NOT_AUTHORIZED");

      assertThat(watcher.receiveAll(QUIET)).isEmpty();
      assertThat(publishDenied()).as("HiveMQ decided, not a callback").isEqualTo(denied);
    }
    try (Mqtt5TestClient d1 = broker.connected("d1", "device")) {
      assertThat(d1.publish("dev/d2/temp", "forged")).isEqualTo("NOT_AUTHORIZED");
    }
  }

  @Test
  void literalRule_hasNoExactHiveMqForm_isDecidedPerMessage_trailingSlashTopicIsDenied() {
    try (Mqtt5TestClient watcher = broker.connected("watch-2", "watch");
        Mqtt5TestClient m1 = broker.connected("m1", "meter")) {
      assertThat(watcher.subscribe("#")).containsExactly("GRANTED_QOS_1");
      long denied = publishDenied();

      assertThat(m1.publish("meter/m1/reading", "42")).isEqualTo("SUCCESS");
      assertThat(watcher.receiveAll(QUIET)).containsExactly("meter/m1/reading=42");
      assertThat(m1.publishForReason("meter/m1/reading/", "forged"))
          .as("the reason names the client's topic, not MQTT Guard's reserved one")
          .isEqualTo(
              "NOT_AUTHORIZED Not authorized to publish on topic 'meter/m1/reading/' with QoS '1'"
                  + " and retain 'false'");
      assertThat(m1.disconnectReason(WAIT)).contains("NOT_AUTHORIZED");

      assertThat(watcher.receiveAll(QUIET)).isEmpty();
      assertThat(publishDenied()).as("MQTT Guard's interceptor decided").isEqualTo(denied + 1);
    }
  }

  @Test
  void mqtt311Publishers_outsideTheirRules_areDisconnected_inBothModes_nothingDelivered() {
    try (Mqtt5TestClient watcher = broker.connected("watch-3", "watch");
        Mqtt3TestClient d3 = new Mqtt3TestClient("d3", broker.port("tcp"));
        Mqtt3TestClient m3 = new Mqtt3TestClient("m3", broker.port("tcp"))) {
      assertThat(watcher.subscribe("#")).containsExactly("GRANTED_QOS_1");
      assertThat(d3.connect("device", "device-pw")).isEqualTo("SUCCESS");
      assertThat(m3.connect("meter", "meter-pw")).isEqualTo("SUCCESS");

      assertThat(d3.publish("dev/d3/a/", "forged")).isNotEqualTo("SUCCESS");
      assertThat(m3.publish("meter/m3/reading/", "forged")).isNotEqualTo("SUCCESS");

      assertThat(d3.isConnected()).isFalse();
      assertThat(m3.isConnected()).isFalse();
      assertThat(watcher.receiveAll(QUIET)).isEmpty();
    }
  }
}

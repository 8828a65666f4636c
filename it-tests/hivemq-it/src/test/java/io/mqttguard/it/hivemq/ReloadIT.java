package io.mqttguard.it.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import io.mqttguard.testsupport.Mqtt5TestClient;
import io.mqttguard.testsupport.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload of the extension's conf folder in a running broker: a broken file leaves the last good
 * policy in force; a valid change applies to new decisions and to live clients (revoked rights stop
 * deliveries on existing subscriptions; a disabled user is disconnected).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReloadIT {
  static final Duration QUIET = Duration.ofMillis(1500);

  /** Reload is triggered by the file watcher (debounced) or the periodic check. */
  static final Duration RELOAD = Duration.ofSeconds(15);

  static final String ACL_V1 =
      """
      {"roles": {
        "operator": {"rules": [
          {"effect": "allow", "actions": ["publish", "subscribe", "receive"], "topics": ["plant/#"]}]},
        "viewer": {"rules": [
          {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["plant/+/status"]}]},
        "sensor": {"rules": [
          {"effect": "allow", "actions": ["publish"], "topics": ["sensors/${cert.cn}/#"]}]},
        "reporter": {"rules": [
          {"effect": "allow", "actions": ["publish"], "topics": ["reports/#"], "maxPayloadBytes": 1024},
          {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["reports/#"]}]}
      }}
      """;

  /** v1 minus the viewer's receive right on plant/line1/+ (a deny carve-out). */
  static final String ACL_V2 =
      """
      {"roles": {
        "operator": {"rules": [
          {"effect": "allow", "actions": ["publish", "subscribe", "receive"], "topics": ["plant/#"]}]},
        "viewer": {"rules": [
          {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["plant/+/status"]},
          {"effect": "deny", "actions": ["receive"], "topics": ["plant/line1/+"]}]},
        "sensor": {"rules": [
          {"effect": "allow", "actions": ["publish"], "topics": ["sensors/${cert.cn}/#"]}]},
        "reporter": {"rules": [
          {"effect": "allow", "actions": ["publish"], "topics": ["reports/#"], "maxPayloadBytes": 1024},
          {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["reports/#"]}]}
      }}
      """;

  /** v2 minus the viewer's receive right on plant/line2/+ as well. */
  static final String ACL_V3 =
      ACL_V2.replace(
          "\"topics\": [\"plant/line1/+\"]", "\"topics\": [\"plant/line1/+\", \"plant/line2/+\"]");

  /** v3 with the operator's publish rights unchanged, but subscribe/receive only below line1. */
  static final String ACL_V4 =
      ACL_V3.replace(
          "{\"effect\": \"allow\", \"actions\": [\"publish\", \"subscribe\", \"receive\"],"
              + " \"topics\": [\"plant/#\"]}",
          "{\"effect\": \"allow\", \"actions\": [\"publish\"], \"topics\": [\"plant/#\"]},"
              + " {\"effect\": \"allow\", \"actions\": [\"subscribe\", \"receive\"],"
              + " \"topics\": [\"plant/line1/#\"]}");

  /**
   * v3 with the reporter's publish right narrowed to reports/other/# (a size limit keeps its
   * publishes on the inbound interceptor, so its enforcement setup does not change).
   */
  static final String ACL_V5 =
      ACL_V3.replace(
          "\"topics\": [\"reports/#\"], \"maxPayloadBytes\"",
          "\"topics\": [\"reports/other/#\"], \"maxPayloadBytes\"");

  private GuardBroker broker;
  private TestPki pki;
  private String users;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    assertThat(ACL_V3).isNotEqualTo(ACL_V2);
    assertThat(ACL_V4).isNotEqualTo(ACL_V3);
    assertThat(ACL_V5).isNotEqualTo(ACL_V3);
    pki = new TestPki(tmp.resolve("pki"));
    users =
        Configs.usersWithCertificates(
            "op",
            "op-pw",
            "[\"operator\"]",
            null,
            "viewer",
            "viewer-pw",
            "[\"viewer\"]",
            null,
            "temp",
            "temp-pw",
            "[\"operator\"]",
            null,
            "rep",
            "rep-pw",
            "[\"reporter\"]",
            null,
            "gone",
            "gone-pw",
            "[\"operator\"]",
            null);
    broker = GuardBroker.start(tmp.resolve("broker"), pki, Configs.files(ACL_V1, users));
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @Order(1)
  void brokenAclFile_isRejected_oldPolicyStillEnforced() throws Exception {
    broker.writeConf(Map.of("acl.json", "{\"roles\": {\"viewer\": {\"rules\": [ BROKEN"));
    await(
        () ->
            broker.logLines().stream()
                .anyMatch(
                    l ->
                        l.contains("acl.json")
                            && l.toLowerCase(java.util.Locale.ROOT).contains("reload")));
    try (Mqtt5TestClient v = broker.connected("viewer-r1", "viewer")) {
      assertThat(v.subscribe("plant/#")).containsExactly("NOT_AUTHORIZED");
      assertThat(v.subscribe("plant/+/status")).containsExactly("GRANTED_QOS_1");
    }
    broker.writeConf(Map.of("acl.json", ACL_V1));
  }

  @Test
  @Order(2)
  void carveOutAddedByReload_reconnectsClientsWithoutDeliveryChecks_andNewConnectionEnforcesIt()
      throws Exception {
    try (Mqtt5TestClient viewer = broker.connected("viewer-r2", "viewer");
        Mqtt5TestClient op = broker.connected("op-r2", "op")) {
      assertThat(viewer.subscribe("plant/+/status")).containsExactly("GRANTED_QOS_1");
      assertThat(op.publish("plant/line1/status", "before")).isEqualTo("SUCCESS");
      assertThat(viewer.receiveAll(QUIET)).containsExactly("plant/line1/status=before");

      // under v1 nothing needed per-delivery checks, so the viewer has none: v2 needs them
      broker.writeConf(Map.of("acl.json", ACL_V2));
      assertThat(viewer.disconnectReason(RELOAD)).contains("ADMINISTRATIVE_ACTION");
      assertThat(op.isConnected()).as("the operator's enforcement did not change").isTrue();
    }
    try (Mqtt5TestClient viewer = broker.connected("viewer-r2", "viewer");
        Mqtt5TestClient op = broker.connected("op-r2", "op")) {
      assertThat(viewer.subscribe("plant/+/status")).containsExactly("GRANTED_QOS_1");
      assertThat(op.publish("plant/line1/status", "after")).isEqualTo("SUCCESS");
      assertThat(op.publish("plant/line2/status", "control")).isEqualTo("SUCCESS");
      assertThat(viewer.receiveAll(QUIET)).containsExactly("plant/line2/status=control");
    }
  }

  @Test
  @Order(3)
  void withdrawnReceiveRight_withDeliveryChecks_stopsDeliveriesOnExistingSubscription()
      throws Exception {
    try (Mqtt5TestClient viewer = broker.connected("viewer-r3", "viewer");
        Mqtt5TestClient op = broker.connected("op-r3", "op")) {
      assertThat(viewer.subscribe("plant/+/status")).containsExactly("GRANTED_QOS_1");
      assertThat(op.publish("plant/line2/status", "before")).isEqualTo("SUCCESS");
      assertThat(viewer.receiveAll(QUIET)).containsExactly("plant/line2/status=before");

      broker.writeConf(Map.of("acl.json", ACL_V3));
      long deadline = System.nanoTime() + RELOAD.toNanos();
      boolean stopped = false;
      while (!stopped && System.nanoTime() < deadline) {
        assertThat(op.publish("plant/line2/status", "probe")).isEqualTo("SUCCESS");
        stopped = viewer.receiveAll(Duration.ofMillis(500)).isEmpty();
      }
      assertThat(stopped).as("deliveries stop after the reload").isTrue();
      assertThat(op.publish("plant/line2/status", "after")).isEqualTo("SUCCESS");
      assertThat(op.publish("plant/line3/status", "control")).isEqualTo("SUCCESS");
      assertThat(viewer.receiveAll(QUIET)).containsExactly("plant/line3/status=control");
      assertThat(viewer.isConnected()).isTrue();
    }
  }

  @Test
  @Order(4)
  void withdrawnSubscribeRight_withoutDeliveryChecks_disconnectsWithNotAuthorized()
      throws Exception {
    try (Mqtt5TestClient watcher = broker.connected("op-r4", "op");
        Mqtt5TestClient op = broker.connected("op-r4b", "op")) {
      assertThat(watcher.subscribe("plant/#")).containsExactly("GRANTED_QOS_1");
      assertThat(op.publish("plant/line9/level", "before")).isEqualTo("SUCCESS");
      assertThat(watcher.receiveAll(QUIET)).containsExactly("plant/line9/level=before");

      // the operator keeps its publish rights (same permissions) but may subscribe to less
      broker.writeConf(Map.of("acl.json", ACL_V4));
      assertThat(watcher.disconnectReason(RELOAD)).contains("NOT_AUTHORIZED");
    }
    try (Mqtt5TestClient watcher = broker.connected("op-r4", "op")) {
      assertThat(watcher.subscribe("plant/#")).containsExactly("NOT_AUTHORIZED");
      assertThat(watcher.subscribe("plant/line1/#")).containsExactly("GRANTED_QOS_1");
    }
    broker.writeConf(Map.of("acl.json", ACL_V3));
  }

  @Test
  @Order(5)
  void disabledUser_liveClientIsDisconnected_andCannotReconnect() throws Exception {
    try (Mqtt5TestClient temp = broker.connected("temp-1", "temp")) {
      broker.writeConf(
          Map.of("users.json", users.replace("\"temp\": {", "\"temp\": {\"disabled\": true, ")));
      assertThat(temp.disconnectReason(RELOAD)).contains("NOT_AUTHORIZED");
    }
    try (Mqtt5TestClient again = Mqtt5TestClient.create("temp-2", broker.port("tcp"))) {
      assertThat(again.connect("temp", "temp-pw")).isEqualTo("NOT_AUTHORIZED");
    }
  }

  @Test
  @Order(6)
  void revokedCertificate_liveClientIsDisconnected_andCannotReconnect() throws Exception {
    TestPki.Client device = pki.client("CN=dev-9,OU=sensors,O=MQTT Guard Tests");
    int port = broker.port("tls-required");
    try (Mqtt5TestClient live = Mqtt5TestClient.create("dev-9", port, b -> tls(b, device))) {
      assertThat(live.connect(null, null)).isEqualTo("SUCCESS");
      broker.writeConfBytes("revoked.crl", pki.crl(device.cert()));
      broker.writeConf(
          Map.of(
              "guard.json",
              Configs.GUARD.replace(
                  "\"lockout\"",
                  "\"revocation\": {\"crlFiles\": [\"revoked.crl\"]},\n  \"lockout\"")));
      assertThat(live.disconnectReason(RELOAD)).contains("NOT_AUTHORIZED");
    }
    try (Mqtt5TestClient again = Mqtt5TestClient.create("dev-9", port, b -> tls(b, device))) {
      assertThat(again.connect(null, null)).isEqualTo("NOT_AUTHORIZED");
    }
  }

  @Test
  @Order(7)
  void willThatANewPolicyRefuses_clientIsDisconnectedWithoutIt() throws Exception {
    try (Mqtt5TestClient watcher = broker.connected("rep-watch", "rep");
        Mqtt5TestClient willer = Mqtt5TestClient.create("rep-will", broker.port("tcp"))) {
      assertThat(watcher.subscribe("reports/#")).containsExactly("GRANTED_QOS_1");
      assertThat(
              willer.connect(
                  b ->
                      b.willPublish()
                          .topic("reports/r1/gone")
                          .payload("gone".getBytes(StandardCharsets.UTF_8))
                          .qos(MqttQos.AT_LEAST_ONCE)
                          .applyWillPublish(),
                  "rep",
                  "rep-pw"))
          .isEqualTo("SUCCESS");

      broker.writeConf(Map.of("acl.json", ACL_V5));

      assertThat(willer.disconnectReason(RELOAD)).contains("NOT_AUTHORIZED");
      assertThat(watcher.receiveAll(Duration.ofSeconds(3))).as("will not published").isEmpty();
      assertThat(watcher.isConnected()).as("its rights still hold").isTrue();
    }
  }

  @Test
  @Order(8)
  void reloadRevokingAUser_countsItsLiveConnection_notTheOneStillInItsClosingGrace()
      throws Exception {
    try (Mqtt5TestClient live = broker.connected("gone-live", "gone")) {
      try (Mqtt5TestClient ended = broker.connected("gone-ended", "gone")) {
        assertThat(ended.isConnected()).isTrue();
      } // DISCONNECT: its session stays answerable for its own late packets for 10 s
      int before = broker.logLines().size();
      broker.writeConf(
          Map.of("users.json", users.replace("\"gone\": {", "\"gone\": {\"disabled\": true, ")));
      assertThat(live.disconnectReason(RELOAD)).contains("NOT_AUTHORIZED");
      await(() -> !since(before, "\"event\":\"reload\"").isEmpty());

      assertThat(since(before, "\"event\":\"recheck\"", "\"outcome\":\"deny\""))
          .as("both connections were re-checked: the ended one was still inside its grace")
          .anyMatch(l -> l.contains("\"clientId\":\"gone-live\""))
          .anyMatch(l -> l.contains("\"clientId\":\"gone-ended\""));
      assertThat(since(before, "\"event\":\"reload\""))
          .singleElement()
          .satisfies(l -> assertThat(l).contains("\"revokedSessions\":\"1\""));
      assertThat(since(before, "\"event\":\"revoke\""))
          .singleElement()
          .satisfies(l -> assertThat(l).contains("\"clientId\":\"gone-live\""));
      assertThat(since(before, "live session(s) revoked"))
          .singleElement()
          .satisfies(l -> assertThat(l).endsWith(", 1 live session(s) revoked"));
    }
  }

  /** Log lines after the first {@code from} that contain every fragment. */
  private java.util.List<String> since(int from, String... fragments) {
    java.util.List<String> lines = broker.logLines();
    return lines.subList(Math.min(from, lines.size()), lines.size()).stream()
        .filter(l -> java.util.Arrays.stream(fragments).allMatch(l::contains))
        .toList();
  }

  private com.hivemq.client.mqtt.MqttClientSslConfigBuilder tls(
      com.hivemq.client.mqtt.MqttClientSslConfigBuilder b, TestPki.Client client) {
    try {
      return b.trustManagerFactory(pki.trustManagers()).keyManagerFactory(pki.keyManagers(client));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + RELOAD.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + RELOAD);
      }
      Thread.sleep(100);
    }
  }
}

package io.mqttguard.it.moquette;

import static org.assertj.core.api.Assertions.assertThat;

import io.moquette.broker.Server;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.auth.PasswordHasher;
import io.mqttguard.moquette.GuardedMoquette;
import io.mqttguard.moquette.MqttGuardMoquette;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.testsupport.RawClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Properties;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol edges driven with raw MQTT 3.1.1 bytes against Moquette: a filter repeated in one
 * SUBSCRIBE (each entry gets its own decision, {@code maxQos} holds), and a protected QoS 1/2
 * message resent with DUP=1 after the connection dropped before its acknowledgement (acknowledged,
 * delivered once; the same bytes in any other context are a replay).
 */
class ProtocolEdgesIT {
  static final String ACL =
      """
      {"roles": {
        "operator": {"rules": [
          {"effect": "allow", "actions": ["publish", "subscribe", "receive"],
           "topics": ["alice/#", "secure/#", "devices/#"]}]},
        "reader": {"rules": [
          {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["secure/#"]}]},
        "capped": {"rules": [
          {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["devices/#"],
           "maxQos": 1}]},
        "limited": {"rules": []},
        "client-scoped": {"rules": []},
        "sensor": {"rules": []}
      }}
      """;

  static GuardedMoquette broker;
  static PayloadSealer sealer;
  static int port;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    ConfigDir.write(dir);
    ConfigDir.write(dir, "acl.json", ACL);
    PasswordHasher h = PasswordHasher.argon2id(new SecureRandom());
    ConfigDir.write(
        dir, "users.json", ConfigDir.users(ConfigDir.user(h, "dave", "[\"capped\"]", null)));
    sealer =
        PayloadSealer.create(
            Keyset.parse("keys.json", Files.readAllBytes(dir.resolve("keys.json"))),
            Clock.systemUTC(),
            new SecureRandom());
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("persistence_enabled", "false");
    broker = MqttGuardMoquette.from(dir).auditSink(AuditSink.discarding()).start(new Server(), p);
    port = broker.port();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void subscribe_duplicateFilterInOnePacket_eachEntryGetsItsOwnDecision_andMaxQosHolds()
      throws Exception {
    try (RawClient dave =
        RawClient.connect(port, 4, "dave-dup", "dave", ConfigDir.password("dave"), true)) {
      assertThat(dave.subscribe(1, "devices/#", 0, "devices/#", 2)).containsExactly(0, 0x80);
      assertDeliveredAtMostQos1(dave, "devices/a", "one");
    }
    try (RawClient dave =
        RawClient.connect(port, 4, "dave-dup2", "dave", ConfigDir.password("dave"), true)) {
      assertThat(dave.subscribe(1, "devices/#", 2, "devices/#", 1)).containsExactly(0x80, 1);
      assertDeliveredAtMostQos1(dave, "devices/b", "two");
    }
  }

  private static void assertDeliveredAtMostQos1(RawClient subscriber, String topic, String text)
      throws Exception {
    MqttClient alice = Clients.paho("tcp://127.0.0.1:" + port, "alice-dup", "alice", true);
    alice.publish(topic, utf8(text), 2, false);
    alice.disconnect();
    alice.close();
    RawClient.Packet delivery = subscriber.next(3);
    assertThat(subscriber.text(delivery)).isEqualTo(topic + "=" + text);
    assertThat((delivery.header() >> 1) & 3).as("delivery QoS").isLessThanOrEqualTo(1);
  }

  @Test
  void sealedQos1_resentWithDupAfterLostPuback_isAcknowledged_andDeliveredOnce() throws Exception {
    resentAfterLostAck(1, "alice-retx1", "secure/r1");
  }

  @Test
  void sealedQos2_resentWithDupAfterLostPubrec_isAcknowledged_andDeliveredOnce() throws Exception {
    resentAfterLostAck(2, "alice-retx2", "secure/r2");
  }

  private static void resentAfterLostAck(int qos, String clientId, String topic) throws Exception {
    Subscriber bob =
        new Subscriber(Clients.paho("tcp://127.0.0.1:" + port, "bob-" + clientId, "bob", true));
    assertThat(bob.subscribe(topic, 2)).isEqualTo(2);
    byte[] sealed = sealer.seal(topic, utf8("unlock"));
    try (RawClient first =
        RawClient.connect(port, 4, clientId, "alice", ConfigDir.password("alice"), false)) {
      first.publish(qos, false, 7, topic, sealed);
      assertThat(bob.next(3000)).isEqualTo(topic + "=unlock");
    } // the acknowledgement is lost with the connection
    try (RawClient again =
        RawClient.connect(port, 4, clientId, "alice", ConfigDir.password("alice"), false)) {
      assertThat(again.connAckCode).isZero();
      again.publish(qos, true, 7, topic, sealed);
      RawClient.Packet ack = again.next(qos == 1 ? 4 : 5);
      assertThat(ack.packetId()).isEqualTo(7);
      if (qos == 2) {
        again.pubRel(7);
        assertThat(again.next(7).packetId()).isEqualTo(7);
      }
      again.publish(qos, false, 8, topic, sealer.seal(topic, utf8("next")));
      assertThat(again.next(qos == 1 ? 4 : 5).packetId()).as("connection still open").isEqualTo(8);
      assertThat(bob.next(3000)).isEqualTo(topic + "=next");
      assertThat(bob.next(500)).as("unlock was delivered once").isNull();
    }
    bob.close();
  }

  @Test
  void sameSealedBytes_inAnyOtherContext_areStillAReplay() throws Exception {
    String topic = "secure/r3";
    Subscriber bob =
        new Subscriber(Clients.paho("tcp://127.0.0.1:" + port, "bob-replay3", "bob", true));
    assertThat(bob.subscribe(topic, 1)).isEqualTo(1);
    byte[] sealed = sealer.seal(topic, utf8("unlock"));
    try (RawClient first =
        RawClient.connect(port, 4, "alice-r3", "alice", ConfigDir.password("alice"), false)) {
      first.publish(1, false, 7, topic, sealed);
      assertThat(bob.next(3000)).isEqualTo(topic + "=unlock");
    }
    assertReplayRefused("alice-other", false, true, 7, topic, sealed); // other client
    assertReplayRefused("alice-r3", false, false, 7, topic, sealed); // DUP=0
    assertReplayRefused("alice-r3", false, true, 9, topic, sealed); // other packet ID
    assertReplayRefused("alice-r3", true, true, 7, topic, sealed); // after a clean session
    assertThat(bob.next(500)).isNull();
    bob.close();
  }

  private static void assertReplayRefused(
      String clientId, boolean clean, boolean dup, int packetId, String topic, byte[] sealed)
      throws Exception {
    try (RawClient c =
        RawClient.connect(port, 4, clientId, "alice", ConfigDir.password("alice"), clean)) {
      assertThat(c.connAckCode).isZero();
      c.publish(1, dup, packetId, topic, sealed);
      assertThat(c.closedByBroker()).as("refused as a replay: connection closed").isTrue();
    }
  }
}

package io.mqttguard.it.moquette;

import static org.assertj.core.api.Assertions.assertThat;

import io.moquette.broker.Server;
import io.mqttguard.audit.AuditEvent;
import io.mqttguard.auth.PasswordHasher;
import io.mqttguard.moquette.GuardedMoquette;
import io.mqttguard.moquette.MqttGuardMoquette;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.testsupport.RawClient;
import io.mqttguard.testsupport.RawPackets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  /** Every audit event of the broker, in order (payload refusals name their reason). */
  static final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

  /** {@link ConfigDir#PAYLOAD} plus a first verify-hmac rule that keeps the stamp. */
  static final String PAYLOAD =
      ConfigDir.PAYLOAD.replace(
          "{\"rules\": [",
          "{\"rules\": [\n  {\"topics\": [\"secure/kept/#\"], \"action\": \"verify-hmac\","
              + " \"keys\": [8], \"keepStamp\": true},");

  static GuardedMoquette broker;
  static PayloadSealer sealer;
  static int port;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    ConfigDir.write(dir);
    ConfigDir.write(dir, "acl.json", ACL);
    ConfigDir.write(dir, "payload.json", PAYLOAD);
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
    broker = MqttGuardMoquette.from(dir).auditSink(audit::add).start(new Server(), p);
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

  /** Makes the protected payload a client publishes (an envelope or a stamp). */
  @FunctionalInterface
  interface Protection {
    byte[] apply(String topic, String clientId, byte[] plaintext) throws Exception;
  }

  private static Protection envelope() {
    return (topic, clientId, plaintext) -> sealer.seal(topic, plaintext);
  }

  /** A version 2 HMAC stamp (rule {@code secure/stamped/#}), bound to the client ID or not. */
  private static Protection v2Stamp(boolean bound) {
    return (topic, clientId, plaintext) -> {
      byte[] stamped =
          bound ? sealer.stampBound(topic, clientId, plaintext) : sealer.stamp(topic, plaintext);
      assertThat(stamped[0]).as("format version 2").isEqualTo((byte) 2);
      assertThat(stamped[2]).as("flags: bound").isEqualTo((byte) (bound ? 1 : 0));
      return stamped;
    };
  }

  @Test
  void sealedQos1_resentWithDupAfterLostPuback_isAcknowledged_andDeliveredOnce() throws Exception {
    resentAfterLostAck(1, "alice-retx1", "secure/r1", envelope());
  }

  @Test
  void sealedQos2_resentWithDupAfterLostPubrec_isAcknowledged_andDeliveredOnce() throws Exception {
    resentAfterLostAck(2, "alice-retx2", "secure/r2", envelope());
  }

  @ParameterizedTest(name = "bound to the client ID: {0}")
  @ValueSource(booleans = {false, true})
  void v2HmacStampQos1_resentWithDupAfterLostPuback_isAcknowledged_andDeliveredOnceStripped(
      boolean bound) throws Exception {
    resentAfterLostAck(1, "alice-v2retx1-" + bound, "secure/stamped/r1/" + bound, v2Stamp(bound));
  }

  @ParameterizedTest(name = "bound to the client ID: {0}")
  @ValueSource(booleans = {false, true})
  void v2HmacStampQos2_resentWithDupAfterLostPubrec_isAcknowledged_andDeliveredOnceStripped(
      boolean bound) throws Exception {
    resentAfterLostAck(2, "alice-v2retx2-" + bound, "secure/stamped/r2/" + bound, v2Stamp(bound));
  }

  /**
   * MQTT 3.1.1 allows a client to resend a PUBLISH (DUP=1) on the same connection: the client
   * ignored the PUBACK of the first copy and resends it; both copies are acknowledged, the message
   * is delivered once, and the same bytes without DUP are a replay. (The resend follows the first
   * PUBACK: HiveMQ itself drops a copy whose packet ID is still in flight, on any topic.)
   */
  @ParameterizedTest(name = "bound to the client ID: {0}")
  @ValueSource(booleans = {false, true})
  void v2HmacStampQos1_pubackIgnored_resentWithDupOnSameConnection_isAcknowledged_deliveredOnce(
      boolean bound) throws Exception {
    String clientId = "alice-v2same-" + bound;
    String topic = "secure/stamped/same/" + bound;
    Subscriber bob =
        new Subscriber(Clients.paho("tcp://127.0.0.1:" + port, "bob-" + clientId, "bob", true));
    assertThat(bob.subscribe(topic, 1)).isEqualTo(1);
    byte[] stamped = v2Stamp(bound).apply(topic, clientId, utf8("unlock"));
    try (RawClient c = connect(clientId, false)) {
      c.publish(1, false, 7, topic, stamped);
      assertThat(c.next(4).packetId()).as("PUBACK, ignored by the client").isEqualTo(7);
      c.publish(1, true, 7, topic, stamped);
      assertThat(c.next(4).packetId()).as("the resent copy is acknowledged").isEqualTo(7);
      int before = audit.size();
      c.publish(1, false, 8, topic, stamped);
      assertThat(c.closedByBroker()).as("DUP=0 copy refused: connection closed").isTrue();
      assertThat(payloadRefusals(before, topic)).containsExactly("REPLAYED");
    }
    assertThat(bob.next(3000)).isEqualTo(topic + "=unlock");
    assertThat(bob.next(500)).as("unlock was delivered once").isNull();
    bob.close();
  }

  @ParameterizedTest(name = "QoS {0}")
  @ValueSource(ints = {1, 2})
  void v2HmacStampKept_resentWithDupAfterLostAck_isAcknowledged_andDeliveredOnceWithItsStamp(
      int qos) throws Exception {
    resentAfterLostAck(qos, "alice-v2kept-" + qos, "secure/kept/" + qos, v2Stamp(false), true);
  }

  @Test
  void willWithAKeptV2Stamp_isPublishedWithItsStampWhenTheConnectionDrops() throws Exception {
    int from = audit.size();
    try (RawClient reader = connect("alice-will-sub", true)) {
      assertThat(reader.subscribe(1, "secure/kept/#", 1)).containsExactly(1);
      byte[] stamped = v2Stamp(false).apply("secure/kept/will", "alice-will", utf8("offline"));
      RawClient writer = RawClient.open(port);
      writer.sendRaw(
          RawPackets.connectWithWill(
              "alice-will",
              "alice",
              ConfigDir.password("alice"),
              "secure/kept/will",
              stamped,
              1,
              false));
      assertThat(writer.next(2).body()[1]).as("CONNACK accepted").isZero();
      writer.close(); // TCP dropped without DISCONNECT: the will is re-checked, then published

      RawClient.Packet will = reader.next(3);
      assertThat(reader.payload(will)).as("the stamp, kept as sent").isEqualTo(stamped);
    }
    assertThat(payloadRefusals(from, "secure/kept/will")).isEmpty();
  }

  private static void resentAfterLostAck(
      int qos, String clientId, String topic, Protection protection) throws Exception {
    resentAfterLostAck(qos, clientId, topic, protection, false);
  }

  /** {@code keptStamp}: the rule forwards the stamped bytes, else the plaintext. */
  private static void resentAfterLostAck(
      int qos, String clientId, String topic, Protection protection, boolean keptStamp)
      throws Exception {
    Subscriber bob =
        new Subscriber(Clients.paho("tcp://127.0.0.1:" + port, "bob-" + clientId, "bob", true));
    assertThat(bob.subscribe(topic, 2)).isEqualTo(2);
    byte[] sealed = protection.apply(topic, clientId, utf8("unlock"));
    byte[] next = protection.apply(topic, clientId, utf8("next"));
    try (RawClient first = connect(clientId, false)) {
      first.publish(qos, false, 7, topic, sealed);
      assertThat(bob.next(3000))
          .isEqualTo(
              topic + "=" + (keptStamp ? new String(sealed, StandardCharsets.UTF_8) : "unlock"));
    } // the acknowledgement is lost with the connection
    try (RawClient again = connect(clientId, false)) {
      again.publish(qos, true, 7, topic, sealed);
      RawClient.Packet ack = again.next(qos == 1 ? 4 : 5);
      assertThat(ack.packetId()).isEqualTo(7);
      if (qos == 2) {
        again.pubRel(7);
        assertThat(again.next(7).packetId()).isEqualTo(7);
      }
      again.publish(qos, false, 8, topic, next);
      assertThat(again.next(qos == 1 ? 4 : 5).packetId()).as("connection still open").isEqualTo(8);
      assertThat(bob.next(3000))
          .isEqualTo(topic + "=" + (keptStamp ? new String(next, StandardCharsets.UTF_8) : "next"));
      assertThat(bob.next(500)).as("unlock was delivered once").isNull();
    }
    int before = audit.size();
    assertReplayRefused(clientId, false, false, 7, topic, sealed); // the same bytes, DUP=0
    assertThat(payloadRefusals(before, topic)).containsExactly("REPLAYED");
    assertThat(bob.next(500)).isNull();
    bob.close();
  }

  @Test
  void sameSealedBytes_inAnyOtherContext_areStillAReplay() throws Exception {
    sameBytesInAnyOtherContext("secure/r3", "alice-r3", envelope(), "REPLAYED");
  }

  @ParameterizedTest(name = "bound to the client ID: {0}")
  @ValueSource(booleans = {false, true})
  void v2HmacStamp_sameBytes_inAnyOtherContext_areStillAReplay(boolean bound) throws Exception {
    sameBytesInAnyOtherContext(
        "secure/stamped/r3/" + bound,
        "alice-v2r3-" + bound,
        v2Stamp(bound),
        bound ? "HMAC_INVALID" : "REPLAYED"); // a bound stamp does not verify for another client
  }

  private static void sameBytesInAnyOtherContext(
      String topic, String clientId, Protection protection, String otherClientReason)
      throws Exception {
    Subscriber bob =
        new Subscriber(Clients.paho("tcp://127.0.0.1:" + port, "bob-" + clientId, "bob", true));
    assertThat(bob.subscribe(topic, 1)).isEqualTo(1);
    byte[] sealed = protection.apply(topic, clientId, utf8("unlock"));
    try (RawClient first = connect(clientId, false)) {
      first.publish(1, false, 7, topic, sealed);
      assertThat(bob.next(3000)).isEqualTo(topic + "=unlock");
    }
    int before = audit.size();
    assertReplayRefused("alice-other-" + clientId, false, true, 7, topic, sealed); // other client
    assertReplayRefused(clientId, false, false, 7, topic, sealed); // DUP=0
    assertReplayRefused(clientId, false, true, 9, topic, sealed); // other packet ID
    assertReplayRefused(clientId, true, true, 7, topic, sealed); // after a clean session
    assertThat(payloadRefusals(before, topic))
        .containsExactly(otherClientReason, "REPLAYED", "REPLAYED", "REPLAYED");
    assertThat(bob.next(500)).isNull();
    bob.close();
  }

  private static RawClient connect(String clientId, boolean clean) throws Exception {
    RawClient c = RawClient.connect(port, 4, clientId, "alice", ConfigDir.password("alice"), clean);
    assertThat(c.connAckCode).as("CONNACK of " + clientId).isZero();
    return c;
  }

  /** The reason codes of the payload refusals on {@code topic} audited after event {@code from}. */
  private static List<String> payloadRefusals(int from, String topic) {
    List<String> reasons = new ArrayList<>();
    List<AuditEvent> all = List.copyOf(audit);
    for (AuditEvent e : all.subList(from, all.size())) {
      if (e.event().equals("payload") && topic.equals(e.details().get("topic"))) {
        reasons.add(String.valueOf(e.reasonCode()));
      }
    }
    return reasons;
  }

  /** Moquette 3.1.1: the refused publisher's connection is closed. */
  private static void assertReplayRefused(
      String clientId, boolean clean, boolean dup, int packetId, String topic, byte[] sealed)
      throws Exception {
    try (RawClient c = connect(clientId, clean)) {
      c.publish(1, dup, packetId, topic, sealed);
      assertThat(c.closedByBroker()).as("refused as a replay: connection closed").isTrue();
    }
  }
}

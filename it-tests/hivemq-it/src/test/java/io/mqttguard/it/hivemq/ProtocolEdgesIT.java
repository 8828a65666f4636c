package io.mqttguard.it.hivemq;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.testsupport.Mqtt5TestClient;
import io.mqttguard.testsupport.RawClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protocol edges driven with raw MQTT bytes (3.1.1 and 5) against HiveMQ: a filter repeated in one
 * SUBSCRIBE (each entry gets its own decision, {@code maxQos} holds), and a protected QoS 1/2
 * message resent with DUP=1 after the connection dropped before its acknowledgement (acknowledged,
 * delivered once; the same bytes in any other context are a replay).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolEdgesIT {
  static final Duration QUIET = Duration.ofMillis(1500);

  static final String ACL =
      """
      {"roles": {
        "operator": {"rules": [
          {"effect": "allow", "actions": ["publish", "subscribe", "receive"],
           "topics": ["plant/#", "devices/#"]}]},
        "capped": {"rules": [
          {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["devices/#"],
           "maxQos": 1}]}
      }}
      """;

  /** {@link PayloadIT#PAYLOAD_RULES} plus a verify-hmac rule that keeps the stamp. */
  static final String PAYLOAD_RULES =
      PayloadIT.PAYLOAD_RULES.replace(
          "{\"rules\": [",
          "{\"rules\": [\n  {\"name\": \"kept\", \"topics\": [\"plant/kept/#\"],"
              + " \"action\": \"verify-hmac\", \"keys\": [4], \"keepStamp\": true},");

  private GuardBroker broker;
  private PayloadSealer sealer;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    String keys = PayloadIT.keysJson();
    sealer = PayloadIT.sealerFor(keys);
    broker =
        GuardBroker.startIn(
            tmp,
            ACL,
            Configs.users(
                "op", "op-pw", "[\"operator\"]", null, "dave", "dave-pw", "[\"capped\"]", null),
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

  private RawClient connect(int version, String clientId, String user, boolean clean)
      throws Exception {
    RawClient c =
        RawClient.connect(broker.port("tcp"), version, clientId, user, user + "-pw", clean);
    assertThat(c.connAckCode).as("CONNACK of " + clientId).isZero();
    return c;
  }

  @ParameterizedTest(name = "MQTT version {0}")
  @ValueSource(ints = {4, 5})
  void subscribe_duplicateFilterInOnePacket_eachEntryGetsItsOwnDecision_andMaxQosHolds(int v)
      throws Exception {
    int refused = v == 5 ? 0x87 : 0x80;
    try (RawClient dave = connect(v, "dave-dup-a" + v, "dave", true)) {
      assertThat(dave.subscribe(1, "devices/#", 0, "devices/#", 2)).containsExactly(0, refused);
      assertDeliveredAtMostQos1(dave, v, "devices/a" + v);
    }
    try (RawClient dave = connect(v, "dave-dup-b" + v, "dave", true)) {
      assertThat(dave.subscribe(1, "devices/#", 2, "devices/#", 1)).containsExactly(refused, 1);
      assertDeliveredAtMostQos1(dave, v, "devices/b" + v);
    }
  }

  private void assertDeliveredAtMostQos1(RawClient subscriber, int v, String topic)
      throws Exception {
    try (RawClient op = connect(v, "op-dup-pub" + v, "op", true)) {
      op.publish(2, false, 3, topic, "x".getBytes(UTF_8));
      assertThat(op.next(5).packetId()).isEqualTo(3);
      op.pubRel(3);
      assertThat(op.next(7).packetId()).isEqualTo(3);
    }
    RawClient.Packet delivery = subscriber.next(3);
    assertThat(subscriber.text(delivery)).isEqualTo(topic + "=x");
    assertThat((delivery.header() >> 1) & 3).as("delivery QoS").isLessThanOrEqualTo(1);
  }

  /** Makes the protected payload a client publishes (an envelope or a stamp). */
  @FunctionalInterface
  interface Protection {
    byte[] apply(String topic, String clientId, byte[] plaintext) throws Exception;
  }

  private Protection envelope() {
    return (topic, clientId, plaintext) -> sealer.seal(topic, plaintext);
  }

  /** A version 2 HMAC stamp (rule {@code plant/cmd/#}), bound to the client ID or not. */
  private Protection v2Stamp(boolean bound) {
    return (topic, clientId, plaintext) -> {
      byte[] stamped =
          bound ? sealer.stampBound(topic, clientId, plaintext) : sealer.stamp(topic, plaintext);
      assertThat(stamped[0]).as("format version 2").isEqualTo((byte) 2);
      assertThat(stamped[2]).as("flags: bound").isEqualTo((byte) (bound ? 1 : 0));
      return stamped;
    };
  }

  @ParameterizedTest(name = "MQTT version {0}")
  @ValueSource(ints = {4, 5})
  void sealedQos1_resentWithDupAfterLostPuback_isAcknowledged_andDeliveredOnce(int v)
      throws Exception {
    resentAfterLostAck(v, 1, "op-retx1-" + v, "plant/enc/r1/" + v, envelope());
  }

  @ParameterizedTest(name = "MQTT version {0}")
  @ValueSource(ints = {4, 5})
  void sealedQos2_resentWithDupAfterLostPubrec_isAcknowledged_andDeliveredOnce(int v)
      throws Exception {
    resentAfterLostAck(v, 2, "op-retx2-" + v, "plant/enc/r2/" + v, envelope());
  }

  @ParameterizedTest(name = "MQTT version {0}, bound to the client ID: {1}")
  @CsvSource({"4, false", "4, true", "5, false", "5, true"})
  void v2HmacStampQos1_resentWithDupAfterLostPuback_isAcknowledged_andDeliveredOnceStripped(
      int v, boolean bound) throws Exception {
    resentAfterLostAck(
        v, 1, "op-v2retx1-" + v + bound, "plant/cmd/r1/" + v + "/" + bound, v2Stamp(bound));
  }

  @ParameterizedTest(name = "MQTT version {0}, bound to the client ID: {1}")
  @CsvSource({"4, false", "4, true", "5, false", "5, true"})
  void v2HmacStampQos2_resentWithDupAfterLostPubrec_isAcknowledged_andDeliveredOnceStripped(
      int v, boolean bound) throws Exception {
    resentAfterLostAck(
        v, 2, "op-v2retx2-" + v + bound, "plant/cmd/r2/" + v + "/" + bound, v2Stamp(bound));
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
    String clientId = "op-v2same-" + bound;
    String topic = "plant/cmd/same/" + bound;
    try (Mqtt5TestClient sub = broker.connected("op-sub-" + clientId, "op")) {
      assertThat(sub.subscribe(topic)).containsExactly("GRANTED_QOS_1");
      byte[] stamped = v2Stamp(bound).apply(topic, clientId, "unlock".getBytes(UTF_8));
      try (RawClient c = connect(4, clientId, "op", false)) {
        c.publish(1, false, 7, topic, stamped);
        assertThat(c.next(4).packetId()).as("PUBACK, ignored by the client").isEqualTo(7);
        c.publish(1, true, 7, topic, stamped);
        assertThat(c.next(4).packetId()).as("the resent copy is acknowledged").isEqualTo(7);
        int from = broker.logLines().size();
        c.publish(1, false, 8, topic, stamped);
        assertThat(c.closedByBroker()).as("DUP=0 copy refused: connection closed").isTrue();
        assertThat(payloadRefusals(from, topic)).containsExactly("REPLAYED");
      }
      assertThat(sub.receiveAll(QUIET)).as("delivered once").containsExactly(topic + "=unlock");
    }
  }

  @ParameterizedTest(name = "MQTT version {0}, QoS {1}")
  @CsvSource({"4, 1", "4, 2", "5, 1", "5, 2"})
  void v2HmacStampKept_resentWithDupAfterLostAck_isAcknowledged_andDeliveredOnceWithItsStamp(
      int v, int qos) throws Exception {
    resentAfterLostAck(
        v, qos, "op-v2kept-" + v + qos, "plant/kept/" + v + "/" + qos, v2Stamp(false), true);
  }

  private void resentAfterLostAck(
      int v, int qos, String clientId, String topic, Protection protection) throws Exception {
    resentAfterLostAck(v, qos, clientId, topic, protection, false);
  }

  /** {@code keptStamp}: the rule forwards the stamped bytes, else the plaintext. */
  private void resentAfterLostAck(
      int v, int qos, String clientId, String topic, Protection protection, boolean keptStamp)
      throws Exception {
    try (Mqtt5TestClient sub = broker.connected("op-sub-" + clientId, "op")) {
      assertThat(sub.subscribe(topic)).containsExactly("GRANTED_QOS_1");
      byte[] sealed = protection.apply(topic, clientId, "unlock".getBytes(UTF_8));
      byte[] next = protection.apply(topic, clientId, "next".getBytes(UTF_8));
      try (RawClient first = connect(v, clientId, "op", false)) {
        first.publish(qos, false, 7, topic, sealed);
        assertThat(sub.receiveAll(QUIET))
            .containsExactly(topic + "=" + (keptStamp ? new String(sealed, UTF_8) : "unlock"));
      } // the acknowledgement is lost with the connection
      try (RawClient again = connect(v, clientId, "op", false)) {
        again.publish(qos, true, 7, topic, sealed);
        RawClient.Packet ack = again.next(qos == 1 ? 4 : 5);
        assertThat(ack.packetId()).isEqualTo(7);
        assertThat(ack.body().length == 2 || ack.body()[2] == 0).as("SUCCESS").isTrue();
        if (qos == 2) {
          again.pubRel(7);
          assertThat(again.next(7).packetId()).isEqualTo(7);
        }
        again.publish(qos, false, 8, topic, next);
        assertThat(again.next(qos == 1 ? 4 : 5).packetId()).as("still connected").isEqualTo(8);
        assertThat(sub.receiveAll(QUIET))
            .as("unlock delivered once")
            .containsExactly(topic + "=" + (keptStamp ? new String(next, UTF_8) : "next"));
      }
      int from = broker.logLines().size();
      assertReplayRefused(v, clientId, false, false, 7, topic, sealed);
      assertThat(payloadRefusals(from, topic))
          .as("the copy without DUP")
          .containsExactly("REPLAYED");
      assertThat(sub.receiveAll(QUIET)).isEmpty();
    }
  }

  @ParameterizedTest(name = "MQTT version {0}")
  @ValueSource(ints = {4, 5})
  void sameSealedBytes_inAnyOtherContext_areStillAReplay(int v) throws Exception {
    sameBytesInAnyOtherContext(v, "plant/enc/r3/" + v, "op-r3-" + v, envelope(), "REPLAYED");
  }

  @ParameterizedTest(name = "MQTT version {0}, bound to the client ID: {1}")
  @CsvSource({"4, false", "4, true", "5, false", "5, true"})
  void v2HmacStamp_sameBytes_inAnyOtherContext_areStillAReplay(int v, boolean bound)
      throws Exception {
    sameBytesInAnyOtherContext(
        v,
        "plant/cmd/r3/" + v + "/" + bound,
        "op-v2r3-" + v + bound,
        v2Stamp(bound),
        bound ? "HMAC_INVALID" : "REPLAYED"); // a bound stamp does not verify for another client
  }

  private void sameBytesInAnyOtherContext(
      int v, String topic, String clientId, Protection protection, String otherClientReason)
      throws Exception {
    try (Mqtt5TestClient sub = broker.connected("op-sub-" + clientId, "op")) {
      assertThat(sub.subscribe(topic)).containsExactly("GRANTED_QOS_1");
      byte[] sealed = protection.apply(topic, clientId, "unlock".getBytes(UTF_8));
      try (RawClient first = connect(v, clientId, "op", false)) {
        first.publish(1, false, 7, topic, sealed);
        assertThat(first.next(4).packetId()).isEqualTo(7);
      }
      int from = broker.logLines().size();
      assertReplayRefused(v, "op-other-" + clientId, false, true, 7, topic, sealed);
      assertReplayRefused(v, clientId, false, false, 7, topic, sealed); // DUP=0
      assertReplayRefused(v, clientId, false, true, 9, topic, sealed); // another packet ID
      assertReplayRefused(v, clientId, true, true, 7, topic, sealed); // after a clean start
      assertThat(payloadRefusals(from, topic))
          .containsExactly(otherClientReason, "REPLAYED", "REPLAYED", "REPLAYED");
      assertThat(sub.receiveAll(QUIET)).containsExactly(topic + "=unlock");
    }
  }

  /**
   * The reason codes of the payload refusals on {@code topic} audited after log line {@code from}.
   */
  private List<String> payloadRefusals(int from, String topic) {
    List<String> lines = broker.logLines();
    List<String> reasons = new ArrayList<>();
    for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
      Matcher m = REASON.matcher(line);
      if (line.contains("\"event\":\"payload\"")
          && line.contains("\"topic\":\"" + topic + "\"")
          && m.find()) {
        reasons.add(m.group(1));
      }
    }
    return reasons;
  }

  private static final Pattern REASON = Pattern.compile("\"reasonCode\":\"([A-Z_]+)\"");

  /** MQTT 5: PUBACK NOT_AUTHORIZED; MQTT 3.1.1: the connection is closed. */
  private void assertReplayRefused(
      int v, String clientId, boolean clean, boolean dup, int packetId, String topic, byte[] sealed)
      throws Exception {
    try (RawClient c = connect(v, clientId, "op", clean)) {
      c.publish(1, dup, packetId, topic, sealed);
      if (v == 5) {
        RawClient.Packet ack = c.next(4);
        assertThat(ack.body()[2] & 0xFF).as("PUBACK reason").isEqualTo(0x87);
      } else {
        assertThat(c.closedByBroker()).as("refused: connection closed").isTrue();
      }
    }
  }
}

package io.mqttguard.it.hivemq;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.testsupport.Mqtt5TestClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-side payload protection in the broker: encrypted publishes reach subscribers as plaintext;
 * tampered, replayed, moved and unprotected payloads on protected topics are refused with a PUBACK
 * reason code and never delivered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayloadIT {
  static final Duration QUIET = Duration.ofMillis(1500);

  private GuardBroker broker;
  private PayloadSealer sealer;

  static String keysJson() {
    byte[] aes = new byte[32];
    byte[] hmac = new byte[32];
    SecureRandom r = new SecureRandom();
    r.nextBytes(aes);
    r.nextBytes(hmac);
    Base64.Encoder b64 = Base64.getEncoder();
    return """
        {"keys": [
          {"id": 1, "algorithm": "AES-256-GCM", "status": "primary", "material": "%s"},
          {"id": 4, "algorithm": "HMAC-SHA256", "status": "primary", "material": "%s"}
        ]}
        """
        .formatted(b64.encodeToString(aes), b64.encodeToString(hmac));
  }

  /** A sealer (system clock) with the keys of a {@link #keysJson()} result. */
  static PayloadSealer sealerFor(String keysJson) throws Exception {
    return PayloadSealer.create(
        Keyset.parse("keys.json", keysJson.getBytes(UTF_8)), Clock.systemUTC(), new SecureRandom());
  }

  static final String PAYLOAD_RULES =
      """
      {"rules": [
        {"name": "telemetry", "topics": ["plant/enc/#"], "action": "decrypt", "keys": [1]},
        {"name": "commands", "topics": ["plant/cmd/#"], "action": "verify-hmac", "keys": [4]},
        {"name": "kept", "topics": ["plant/kept/#"], "action": "verify-hmac", "keys": [4],
         "keepStamp": true}
      ]}
      """;

  /** {@link #PAYLOAD_RULES} plus a rule on other topics; key, window and cache unchanged. */
  static final String PAYLOAD_RULES_PLUS_ONE =
      PAYLOAD_RULES.replace(
          "\"keys\": [4]}",
          "\"keys\": [4]},\n"
              + "  {\"name\": \"extra\", \"topics\": [\"plant/extra/#\"], \"action\":"
              + " \"verify-hmac\", \"keys\": [4]}");

  /** Reload is triggered by the file watcher (debounced) or the periodic check. */
  static final Duration RELOAD = Duration.ofSeconds(15);

  private static final String[] USERS = {
    "op", "op-pw", "[\"operator\"]", null, "op2", "op2-pw", "[\"operator\"]", null
  };

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    assertThat(PAYLOAD_RULES_PLUS_ONE).isNotEqualTo(PAYLOAD_RULES).contains("plant/extra/#");
    String keys = keysJson();
    sealer = sealerFor(keys);
    broker =
        GuardBroker.startIn(
            tmp,
            Configs.ACL,
            Configs.users(USERS),
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

  @Test
  void encryptedPublish_subscriberGetsPlaintext_retainedToo() throws Exception {
    try (Mqtt5TestClient sub = broker.connected("op-s1", "op");
        Mqtt5TestClient pub = broker.connected("op2-p1", "op2")) {
      assertThat(sub.subscribe("plant/enc/#")).containsExactly("GRANTED_QOS_1");
      byte[] env = sealer.seal("plant/enc/temp", "21.5".getBytes(UTF_8));
      assertThat(pub.publish("plant/enc/temp", env, false)).isEqualTo("SUCCESS");
      byte[] retained = sealer.seal("plant/enc/last", "22.0".getBytes(UTF_8));
      assertThat(pub.publish("plant/enc/last", retained, true)).isEqualTo("SUCCESS");
      assertThat(sub.receiveAll(QUIET))
          .containsExactly("plant/enc/temp=21.5", "plant/enc/last=22.0");
    }
    try (Mqtt5TestClient late = broker.connected("op-s1b", "op")) {
      assertThat(late.subscribe("plant/enc/last")).containsExactly("GRANTED_QOS_1");
      assertThat(late.receiveAllIncludingRetained(QUIET)).containsExactly("plant/enc/last=22.0");
    }
  }

  @Test
  void tampered_replayed_moved_unprotected_areRefused_nothingDelivered() throws Exception {
    try (Mqtt5TestClient sub = broker.connected("op-s2", "op");
        Mqtt5TestClient pub = broker.connected("op2-p2", "op2")) {
      assertThat(sub.subscribe("plant/enc/t/#")).containsExactly("GRANTED_QOS_1");

      byte[] tampered = sealer.seal("plant/enc/t/a", "x".getBytes(UTF_8));
      tampered[tampered.length - 1] ^= 1;
      assertThat(pub.publish("plant/enc/t/a", tampered, false)).isEqualTo("NOT_AUTHORIZED");

      byte[] moved = sealer.seal("plant/enc/t/a", "y".getBytes(UTF_8));
      assertThat(pub.publish("plant/enc/t/b", moved, false)).isEqualTo("NOT_AUTHORIZED");

      assertThat(pub.publish("plant/enc/t/a", "plaintext")).isEqualTo("PAYLOAD_FORMAT_INVALID");

      byte[] once = sealer.seal("plant/enc/t/a", "once".getBytes(UTF_8));
      assertThat(pub.publish("plant/enc/t/a", once, false)).isEqualTo("SUCCESS");
      assertThat(pub.publish("plant/enc/t/a", once, false)).isEqualTo("NOT_AUTHORIZED");

      assertThat(pub.isConnected()).as("MQTT 5 publisher stays connected").isTrue();
      assertThat(sub.receiveAll(QUIET)).containsExactly("plant/enc/t/a=once");
    }
  }

  @Test
  void hmacStamp_isVerifiedAndStripped_forgedStampRefused() throws Exception {
    try (Mqtt5TestClient sub = broker.connected("op-s3", "op");
        Mqtt5TestClient pub = broker.connected("op2-p3", "op2")) {
      assertThat(sub.subscribe("plant/cmd/#")).containsExactly("GRANTED_QOS_1");
      byte[] stamped = sealer.stamp("plant/cmd/start", "go".getBytes(UTF_8));
      assertThat(pub.publish("plant/cmd/start", stamped, false)).isEqualTo("SUCCESS");
      byte[] forged = stamped.clone();
      forged[forged.length - 1] = (byte) 'X';
      assertThat(pub.publish("plant/cmd/start", forged, false)).isEqualTo("NOT_AUTHORIZED");
      assertThat(sub.receiveAll(QUIET)).containsExactly("plant/cmd/start=go");
    }
  }

  @Test
  void v2HmacStamps_identicalPayloadsASecondApartBothDelivered_replayAndOtherClientRefused()
      throws Exception {
    String topic = "plant/cmd/v2/door";
    try (Mqtt5TestClient sub = broker.connected("op-s6", "op");
        Mqtt5TestClient a = broker.connected("op2-a6", "op2");
        Mqtt5TestClient b = broker.connected("op2-b6", "op2")) {
      assertThat(sub.subscribe("plant/cmd/v2/#")).containsExactly("GRANTED_QOS_1");
      byte[] first = sealer.stamp(topic, "open".getBytes(UTF_8));
      assertThat(first[0]).as("format version 2").isEqualTo((byte) 2);
      assertThat(a.publish(topic, first, false)).isEqualTo("SUCCESS");
      Thread.sleep(1000);
      byte[] second = sealer.stamp(topic, "open".getBytes(UTF_8));
      assertThat(a.publish(topic, second, false)).isEqualTo("SUCCESS");
      assertThat(a.publish(topic, second, false)).as("replayed").isEqualTo("NOT_AUTHORIZED");
      byte[] boundToA = sealer.stampBound(topic, "op2-a6", "bound".getBytes(UTF_8));
      assertThat(b.publish(topic, boundToA, false)).isEqualTo("NOT_AUTHORIZED");
      assertThat(a.publish(topic, boundToA, false)).isEqualTo("SUCCESS");
      assertThat(sub.receiveAll(QUIET))
          .containsExactly(topic + "=open", topic + "=open", topic + "=bound");
    }
  }

  @Test
  void v2HmacStamp_replayedAfterReloadsThatKeepTheReplaySettings_isStillRefused_freshOneDelivered()
      throws Exception {
    String topic = "plant/cmd/v2/reload";
    try (Mqtt5TestClient sub = broker.connected("op-s7", "op");
        Mqtt5TestClient pub = broker.connected("op2-p7", "op2")) {
      assertThat(sub.subscribe(topic)).containsExactly("GRANTED_QOS_1");
      byte[] accepted = sealer.stamp(topic, "open".getBytes(UTF_8));
      assertThat(accepted[0]).as("format version 2").isEqualTo((byte) 2);
      assertThat(pub.publish(topic, accepted, false)).isEqualTo("SUCCESS");
      assertThat(sub.receiveAll(QUIET)).containsExactly(topic + "=open");

      String[] plusCarol = Arrays.copyOf(USERS, USERS.length + 4);
      plusCarol[USERS.length] = "carol";
      plusCarol[USERS.length + 1] = "carol-pw";
      plusCarol[USERS.length + 2] = "[\"operator\"]";
      reload(Map.of("users.json", Configs.users(plusCarol))); // an unrelated new user
      try (Mqtt5TestClient carol = broker.connected("carol-7", "carol")) {
        assertThat(carol.isConnected()).as("the users.json change is in force").isTrue();
      }
      assertReplayRefusedThenFreshDelivered(pub, sub, topic, accepted, "users.json reload");

      reload(Map.of("payload.json", PAYLOAD_RULES_PLUS_ONE));
      assertThat(pub.publish("plant/extra/x", "plain".getBytes(UTF_8), false))
          .as("the payload.json change is in force")
          .isEqualTo("PAYLOAD_FORMAT_INVALID");
      assertReplayRefusedThenFreshDelivered(pub, sub, topic, accepted, "payload.json reload");
      assertThat(pub.isConnected() && sub.isConnected()).as("nobody was disconnected").isTrue();
    }
  }

  private void assertReplayRefusedThenFreshDelivered(
      Mqtt5TestClient pub, Mqtt5TestClient sub, String topic, byte[] accepted, String after)
      throws Exception {
    int from = broker.logLines().size();
    assertThat(pub.publish(topic, accepted, false))
        .as("replayed after a " + after)
        .isEqualTo("NOT_AUTHORIZED");
    List<String> lines = broker.logLines();
    assertThat(
            lines.subList(from, lines.size()).stream()
                .filter(l -> l.contains("\"event\":\"payload\"") && l.contains(topic)))
        .as("audited as a replay after a " + after)
        .singleElement()
        .satisfies(l -> assertThat(l).contains("\"reasonCode\":\"REPLAYED\""));
    byte[] fresh = sealer.stamp(topic, "open".getBytes(UTF_8));
    assertThat(pub.publish(topic, fresh, false)).as("fresh after a " + after).isEqualTo("SUCCESS");
    assertThat(sub.receiveAll(QUIET)).as("after a " + after).containsExactly(topic + "=open");
  }

  /** Replaces conf files and waits until the broker applied them. */
  private void reload(Map<String, String> files) throws Exception {
    long applied = (Long) broker.gauge("mqttguard.reload.success");
    broker.writeConf(files);
    long deadline = System.nanoTime() + RELOAD.toNanos();
    while ((Long) broker.gauge("mqttguard.reload.success") <= applied) {
      assertThat(System.nanoTime()).as("reload applied in time").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void will_onProtectedTopic_isRefusedAtConnect_willOnOpenTopicIsAccepted() throws Exception {
    byte[] sealedWill = sealer.seal("plant/enc/will", "bye".getBytes(UTF_8));
    try (Mqtt5TestClient c = Mqtt5TestClient.create("op-will-enc", broker.port("tcp"));
        Mqtt5TestClient open = Mqtt5TestClient.create("op-will-open", broker.port("tcp"))) {
      assertThat(
              c.connect(
                  b ->
                      b.willPublish()
                          .topic("plant/enc/will")
                          .payload(sealedWill)
                          .applyWillPublish(),
                  "op",
                  "op-pw"))
          .isEqualTo("NOT_AUTHORIZED");
      assertThat(
              open.connect(
                  b ->
                      b.willPublish()
                          .topic("plant/open/will")
                          .payload("bye".getBytes(UTF_8))
                          .applyWillPublish(),
                  "op",
                  "op-pw"))
          .isEqualTo("SUCCESS");
    }
  }

  @Test
  void willWithAKeptStamp_isAcceptedAtConnect_andAReloadDoesNotDisconnectItsClient()
      throws Exception {
    byte[] stampedWill = sealer.stamp("plant/kept/will", "bye".getBytes(UTF_8));
    try (Mqtt5TestClient willer = Mqtt5TestClient.create("op-will-kept", broker.port("tcp"))) {
      assertThat(
              willer.connect(
                  b ->
                      b.willPublish()
                          .topic("plant/kept/will")
                          .payload(stampedWill)
                          .applyWillPublish(),
                  "op",
                  "op-pw"))
          .isEqualTo("SUCCESS");
      String[] plusDave = Arrays.copyOf(USERS, USERS.length + 4);
      plusDave[USERS.length] = "dave-will";
      plusDave[USERS.length + 1] = "dave-pw";
      plusDave[USERS.length + 2] = "[\"operator\"]";
      reload(Map.of("users.json", Configs.users(plusDave))); // re-checks every live will

      assertThat(willer.disconnectReason(Duration.ofSeconds(3)))
          .as("the will (verified at CONNECT) is not verified again as its own replay")
          .isEmpty();
      assertThat(willer.isConnected()).isTrue();
    }
  }

  @Test
  void unprotectedTopic_passesThroughUnchanged() {
    try (Mqtt5TestClient sub = broker.connected("op-s4", "op");
        Mqtt5TestClient pub = broker.connected("op2-p4", "op2")) {
      assertThat(sub.subscribe("plant/open/#")).containsExactly("GRANTED_QOS_1");
      assertThat(pub.publish("plant/open/x", "hello")).isEqualTo("SUCCESS");
      assertThat(sub.receiveAll(QUIET)).containsExactly("plant/open/x=hello");
    }
  }

  @Test
  void mqtt311Publisher_tamperedEnvelope_isDisconnected_nothingDelivered() throws Exception {
    try (Mqtt5TestClient sub = broker.connected("op-s5", "op");
        Mqtt3TestClient pub = new Mqtt3TestClient("op2-p5", broker.port("tcp"))) {
      assertThat(sub.subscribe("plant/enc/z/#")).containsExactly("GRANTED_QOS_1");
      assertThat(pub.connect("op2", "op2-pw")).isEqualTo("SUCCESS");
      assertThat(pub.publish("plant/enc/z/1", "not an envelope")).isNotEqualTo("SUCCESS");
      assertThat(sub.receiveAll(QUIET)).isEmpty();
    }
  }
}

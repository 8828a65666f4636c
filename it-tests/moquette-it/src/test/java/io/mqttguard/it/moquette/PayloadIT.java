package io.mqttguard.it.moquette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moquette.broker.Server;
import io.mqttguard.audit.AuditEvent;
import io.mqttguard.auth.PasswordHasher;
import io.mqttguard.guard.ReloadOutcome;
import io.mqttguard.moquette.GuardedMoquette;
import io.mqttguard.moquette.MqttGuardMoquette;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-side payload decryption in front of Moquette's routing (rule: decrypt on secure/#). */
class PayloadIT {
  /** Every audit event of the broker, in order (payload refusals name their reason). */
  static final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

  static Path config;
  static GuardedMoquette broker;
  static PayloadSealer sealer;
  static String tcp;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    config = ConfigDir.write(dir);
    sealer =
        PayloadSealer.create(
            Keyset.parse("keys.json", Files.readAllBytes(dir.resolve("keys.json"))),
            Clock.systemUTC(),
            new SecureRandom());
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("persistence_enabled", "false");
    broker =
        MqttGuardMoquette.from(dir)
            .auditSink(audit::add)
            .reloadInterval(Duration.ZERO) // reloads only when a test calls reload()
            .start(new Server(), p);
    tcp = "tcp://127.0.0.1:" + broker.port();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void encryptedPublish_reachesSubscribersAsPlaintext_liveAndRetained() throws Exception {
    Subscriber bob = new Subscriber(Clients.paho(tcp, "bob-enc", "bob", true));
    assertThat(bob.subscribe("secure/#", 1)).isEqualTo(1);
    MqttClient alice = Clients.paho(tcp, "alice-enc", "alice", true);
    alice.publish("secure/temp", sealer.seal("secure/temp", utf8("21.5")), 1, false);
    alice.publish("secure/state", sealer.seal("secure/state", utf8("armed")), 1, true);
    assertThat(bob.next(3000)).isEqualTo("secure/temp=21.5");
    assertThat(bob.next(3000)).isEqualTo("secure/state=armed");
    Subscriber late = new Subscriber(Clients.paho(tcp, "bob-late", "bob", true));
    assertThat(late.subscribe("secure/state", 1)).isEqualTo(1);
    assertThat(late.next(3000)).as("retained is stored decrypted").isEqualTo("secure/state=armed");
    alice.disconnect();
    bob.close();
    late.close();
  }

  @Test
  void tamperedEnvelope_closesThePublishersConnection_andNothingIsDelivered() throws Exception {
    Subscriber bob = new Subscriber(Clients.paho(tcp, "bob-tamper", "bob", true));
    assertThat(bob.subscribe("secure/door", 1)).isEqualTo(1);
    MqttClient alice = Clients.paho(tcp, "alice-tamper", "alice", true);
    byte[] envelope = sealer.seal("secure/door", utf8("open"));
    envelope[envelope.length - 1] ^= 1;
    assertThatThrownBy(() -> alice.publish("secure/door", envelope, 1, false))
        .isInstanceOf(MqttException.class);
    assertThat(alice.isConnected()).isFalse();
    assertThat(bob.next(500)).isNull();
    alice.close();
    bob.close();
  }

  @Test
  void envelopeSealedForAnotherTopic_isRefused() throws Exception {
    MqttClient alice = Clients.paho(tcp, "alice-moved", "alice", true);
    byte[] envelope = sealer.seal("secure/a", utf8("x"));
    assertThatThrownBy(() -> alice.publish("secure/b", envelope, 1, false))
        .isInstanceOf(MqttException.class);
    alice.close();
  }

  @Test
  void plaintextOnAProtectedTopic_isRefused() throws Exception {
    MqttClient alice = Clients.paho(tcp, "alice-plain", "alice", true);
    assertThatThrownBy(() -> alice.publish("secure/x", utf8("not sealed"), 1, false))
        .isInstanceOf(MqttException.class);
    alice.close();
  }

  @Test
  void replayedEnvelope_isRefused() throws Exception {
    Subscriber bob = new Subscriber(Clients.paho(tcp, "bob-replay", "bob", true));
    assertThat(bob.subscribe("secure/cmd", 1)).isEqualTo(1);
    byte[] envelope = sealer.seal("secure/cmd", utf8("unlock"));
    MqttClient alice = Clients.paho(tcp, "alice-replay", "alice", true);
    alice.publish("secure/cmd", envelope, 1, false);
    assertThat(bob.next(3000)).isEqualTo("secure/cmd=unlock");
    MqttClient again = Clients.paho(tcp, "alice-replay2", "alice", true);
    assertThatThrownBy(() -> again.publish("secure/cmd", envelope, 1, false))
        .isInstanceOf(MqttException.class);
    assertThat(bob.next(500)).isNull();
    alice.disconnect();
    again.close();
    bob.close();
  }

  @Test
  void v2HmacStamps_identicalPayloadsASecondApartBothDelivered_replayAndOtherClientRefused()
      throws Exception {
    String topic = "secure/stamped/door";
    Subscriber bob = new Subscriber(Clients.paho(tcp, "bob-v2", "bob", true));
    assertThat(bob.subscribe("secure/stamped/#", 1)).isEqualTo(1);
    MqttClient alice = Clients.paho(tcp, "alice-v2a", "alice", true);
    byte[] first = sealer.stamp(topic, utf8("open"));
    assertThat(first[0]).as("format version 2").isEqualTo((byte) 2);
    alice.publish(topic, first, 1, false);
    Thread.sleep(1000);
    byte[] second = sealer.stamp(topic, utf8("open"));
    alice.publish(topic, second, 1, false);
    assertThat(bob.next(3000)).isEqualTo(topic + "=open");
    assertThat(bob.next(3000)).as("the identical second command").isEqualTo(topic + "=open");

    MqttClient replayer = Clients.paho(tcp, "alice-v2b", "alice", true);
    assertThatThrownBy(() -> replayer.publish(topic, second, 1, false))
        .isInstanceOf(MqttException.class);
    byte[] boundToA = sealer.stampBound(topic, "alice-v2a", utf8("bound"));
    MqttClient other = Clients.paho(tcp, "alice-v2c", "alice", true);
    assertThatThrownBy(() -> other.publish(topic, boundToA, 1, false))
        .isInstanceOf(MqttException.class);
    assertThat(bob.next(500)).as("neither the replay nor B's publish is delivered").isNull();
    alice.publish(topic, boundToA, 1, false);
    assertThat(bob.next(3000)).isEqualTo(topic + "=bound");
    alice.disconnect();
    replayer.close();
    other.close();
    bob.close();
  }

  @Test
  void v2HmacStamp_replayedAfterReloadsThatKeepTheReplaySettings_isStillRefused_freshOneDelivered()
      throws Exception {
    String topic = "secure/stamped/reload";
    Subscriber bob = new Subscriber(Clients.paho(tcp, "bob-v2reload", "bob", true));
    assertThat(bob.subscribe(topic, 1)).isEqualTo(1);
    MqttClient alice = Clients.paho(tcp, "alice-v2reload", "alice", true);
    byte[] accepted = sealer.stamp(topic, utf8("open"));
    assertThat(accepted[0]).as("format version 2").isEqualTo((byte) 2);
    alice.publish(topic, accepted, 1, false);
    assertThat(bob.next(3000)).isEqualTo(topic + "=open");
    Subscriber extra = new Subscriber(Clients.paho(tcp, "bob-v2extra", "bob", true));
    assertThat(extra.subscribe("secure/extra/#", 1)).isEqualTo(1);

    PasswordHasher h = PasswordHasher.argon2id(new SecureRandom());
    ConfigDir.write(
        config, "users.json", ConfigDir.users(ConfigDir.user(h, "carol", "[\"reader\"]", null)));
    assertThat(broker.reload()).isInstanceOf(ReloadOutcome.Applied.class);
    MqttClient carol = Clients.paho(tcp, "carol-v2reload", "carol", true); // the new user
    carol.disconnect();
    carol.close();
    assertReplayRefusedThenFreshDelivered(bob, topic, accepted, "users.json reload");

    ConfigDir.write(config, "payload.json", PAYLOAD_PLUS_ONE);
    assertThat(broker.reload()).isInstanceOf(ReloadOutcome.Applied.class);
    alice.publish("secure/extra/x", sealer.stamp("secure/extra/x", utf8("ok")), 1, false);
    assertThat(extra.next(3000))
        .as("the payload.json change is in force: a stamp, not an envelope, on secure/extra/#")
        .isEqualTo("secure/extra/x=ok");
    assertReplayRefusedThenFreshDelivered(bob, topic, accepted, "payload.json reload");
    alice.disconnect();
    bob.close();
    extra.close();
  }

  /** {@link ConfigDir#PAYLOAD} plus a first rule on other topics; key, window, cache unchanged. */
  static final String PAYLOAD_PLUS_ONE =
      ConfigDir.PAYLOAD.replace(
          "{\"rules\": [",
          "{\"rules\": [\n"
              + "  {\"topics\": [\"secure/extra/#\"], \"action\": \"verify-hmac\", \"keys\": [8]},");

  private static void assertReplayRefusedThenFreshDelivered(
      Subscriber bob, String topic, byte[] accepted, String after) throws Exception {
    int before = audit.size();
    MqttClient replayer = Clients.paho(tcp, "alice-v2replay", "alice", true);
    assertThatThrownBy(() -> replayer.publish(topic, accepted, 1, false))
        .as("replayed after a " + after)
        .isInstanceOf(MqttException.class);
    replayer.close();
    assertThat(payloadRefusals(before, topic)).as("after a " + after).containsExactly("REPLAYED");
    MqttClient fresh = Clients.paho(tcp, "alice-v2fresh", "alice", true);
    fresh.publish(topic, sealer.stamp(topic, utf8("open")), 1, false);
    fresh.disconnect();
    fresh.close();
    assertThat(bob.next(3000)).as("fresh stamp after a " + after).isEqualTo(topic + "=open");
    assertThat(bob.next(500)).as("only the fresh stamp").isNull();
  }

  /** The reason codes of the payload refusals on {@code topic} audited after event {@code from}. */
  private static List<String> payloadRefusals(int from, String topic) {
    List<AuditEvent> all = List.copyOf(audit);
    return all.subList(from, all.size()).stream()
        .filter(e -> e.event().equals("payload") && topic.equals(e.details().get("topic")))
        .map(e -> String.valueOf(e.reasonCode()))
        .toList();
  }
}

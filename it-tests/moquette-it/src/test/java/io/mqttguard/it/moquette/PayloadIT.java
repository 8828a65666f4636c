package io.mqttguard.it.moquette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moquette.broker.Server;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.moquette.GuardedMoquette;
import io.mqttguard.moquette.MqttGuardMoquette;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Properties;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-side payload decryption in front of Moquette's routing (rule: decrypt on secure/#). */
class PayloadIT {
  static GuardedMoquette broker;
  static PayloadSealer sealer;
  static String tcp;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    ConfigDir.write(dir);
    sealer =
        PayloadSealer.create(
            Keyset.parse("keys.json", Files.readAllBytes(dir.resolve("keys.json"))),
            Clock.systemUTC(),
            new SecureRandom());
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("persistence_enabled", "false");
    broker = MqttGuardMoquette.from(dir).auditSink(AuditSink.discarding()).start(new Server(), p);
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
}

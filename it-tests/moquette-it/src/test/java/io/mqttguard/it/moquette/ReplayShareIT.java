package io.mqttguard.it.moquette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moquette.broker.Server;
import io.mqttguard.audit.AuditEvent;
import io.mqttguard.auth.PasswordHasher;
import io.mqttguard.moquette.GuardedMoquette;
import io.mqttguard.moquette.MqttGuardMoquette;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One publisher cannot fill the replay cache for everyone: with {@code maxPerPublisher} 3, alice's
 * fourth live envelope is refused (MQTT 3.1.1 on Moquette 0.17: the connection is closed) and
 * audited as REPLAY_QUOTA_EXCEEDED, while carol's envelope is still delivered.
 */
class ReplayShareIT {
  static final String PAYLOAD =
      """
      {"replay": {"cacheSize": 16, "maxPerPublisher": 3},
       "rules": [{"name": "secure", "topics": ["secure/#"], "action": "decrypt", "keys": [7]}]}
      """;

  static GuardedMoquette broker;
  static PayloadSealer sealer;
  static final List<AuditEvent> audit = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    ConfigDir.write(dir);
    PasswordHasher h = PasswordHasher.argon2id(new SecureRandom());
    ConfigDir.write(
        dir, "users.json", ConfigDir.users(ConfigDir.user(h, "carol", "[\"operator\"]", null)));
    ConfigDir.write(dir, "payload.json", PAYLOAD);
    sealer =
        PayloadSealer.create(
            Keyset.parse("keys.json", Files.readAllBytes(dir.resolve("keys.json"))),
            Clock.systemUTC(),
            new SecureRandom());
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("persistence_enabled", "false");
    broker = MqttGuardMoquette.from(dir).auditSink(audit::add).start(new Server(), p);
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static byte[] sealed(String topic, String text) throws Exception {
    return sealer.seal(topic, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void publisherOverItsShare_isDisconnected_otherPublisherStillDelivered() throws Exception {
    String tcp = "tcp://127.0.0.1:" + broker.port();
    Subscriber bob = new Subscriber(Clients.paho(tcp, "bob-share", "bob", true));
    assertThat(bob.subscribe("secure/#", 1)).isEqualTo(1);
    MqttClient alice = Clients.paho(tcp, "alice-share", "alice", true);
    MqttClient carol = Clients.paho(tcp, "carol-share", "carol", true);

    for (int i = 0; i < 3; i++) {
      alice.publish("secure/a", sealed("secure/a", "a" + i), 1, false);
    }
    byte[] overShare = sealed("secure/a", "a3");
    assertThatThrownBy(() -> alice.publish("secure/a", overShare, 1, false))
        .isInstanceOf(MqttException.class); // MQTT 3.1.1: no PUBACK reason code, disconnected
    carol.publish("secure/c", sealed("secure/c", "c0"), 1, false);

    List<String> received = new java.util.ArrayList<>();
    for (String m = bob.next(3000); m != null; m = bob.next(500)) {
      received.add(m);
    }
    assertThat(received)
        .containsExactlyInAnyOrder("secure/a=a0", "secure/a=a1", "secure/a=a2", "secure/c=c0");
    assertThat(alice.isConnected()).isFalse();
    assertThat(audit)
        .anySatisfy(
            e -> {
              assertThat(e.reasonCode()).isEqualTo("REPLAY_QUOTA_EXCEEDED");
              assertThat(e.username()).isEqualTo("alice");
            });
    alice.close();
    carol.disconnect();
    carol.close();
    bob.close();
  }
}

package io.mqttguard.it.moquette;

import static org.assertj.core.api.Assertions.assertThat;

import io.moquette.broker.Server;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.guard.ReloadOutcome;
import io.mqttguard.moquette.GuardedMoquette;
import io.mqttguard.moquette.MqttGuardMoquette;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload: Moquette never re-checks deliveries, the guard does, and disconnects revoked users.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReloadIT {
  static Path config;
  static GuardedMoquette broker;
  static String tcp;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    config = ConfigDir.write(dir);
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("persistence_enabled", "false");
    broker =
        MqttGuardMoquette.from(config)
            .auditSink(AuditSink.discarding())
            .reloadInterval(Duration.ZERO)
            .start(new Server(), p);
    tcp = "tcp://127.0.0.1:" + broker.port();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  @Order(1)
  void invalidChange_keepsTheLastGoodPolicy() throws Exception {
    ConfigDir.write(config, "acl.json", "{\"roles\": {\"reader\": ");
    assertThat(broker.reload()).isInstanceOf(ReloadOutcome.Rejected.class);
    Subscriber bob = new Subscriber(Clients.paho(tcp, "bob-r0", "bob", true));
    assertThat(bob.subscribe("shared/#", 1)).isEqualTo(1);
    assertThat(bob.subscribe("#", 1)).isEqualTo(128);
    bob.close();
    ConfigDir.write(config, "acl.json", ConfigDir.ACL);
    assertThat(broker.reload()).isInstanceOf(ReloadOutcome.Unchanged.class);
  }

  @Test
  @Order(2)
  void aclChange_stopsDeliveriesOnAnExistingSubscription_withoutReconnect() throws Exception {
    Subscriber bob = new Subscriber(Clients.paho(tcp, "bob-r1", "bob", true));
    assertThat(bob.subscribe("shared/#", 1)).isEqualTo(1);
    MqttClient alice = Clients.paho(tcp, "alice-r1", "alice", true);
    alice.publish("shared/news", "before".getBytes(StandardCharsets.UTF_8), 1, false);
    assertThat(bob.next(3000)).isEqualTo("shared/news=before");
    ConfigDir.write(
        config,
        "acl.json",
        ConfigDir.ACL.replace("\"topics\": [\"shared/private\"]", "\"topics\": [\"shared/#\"]"));
    assertThat(broker.reload()).isInstanceOf(ReloadOutcome.Applied.class);
    alice.publish("shared/news", "after".getBytes(StandardCharsets.UTF_8), 1, false);
    assertThat(bob.next(1000)).isNull();
    alice.disconnect();
    bob.close();
    ConfigDir.write(config, "acl.json", ConfigDir.ACL);
    assertThat(broker.reload()).isInstanceOf(ReloadOutcome.Applied.class);
  }

  @Test
  @Order(3)
  void removedUser_isDisconnected_andItsWillIsNeverPublished() throws Exception {
    String aclWithWillTopic =
        ConfigDir.ACL.replace("\"topics\": [\"m/#\"]", "\"topics\": [\"m/#\", \"bob/will/#\"]");
    assertThat(aclWithWillTopic).isNotEqualTo(ConfigDir.ACL);
    ConfigDir.write(config, "acl.json", aclWithWillTopic);
    assertThat(broker.reload()).isInstanceOf(ReloadOutcome.Applied.class);
    Subscriber bob = new Subscriber(Clients.paho(tcp, "bob-r2", "bob", true));
    assertThat(bob.subscribe("bob/will/#", 1)).isEqualTo(1);
    var options = Clients.pahoOptions("mallory", true);
    options.setWill("bob/will/mallory", "gone".getBytes(StandardCharsets.UTF_8), 1, false);
    MqttClient control =
        new MqttClient(
            tcp, "mallory-r2c", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
    control.connect(options);
    control.disconnectForcibly(100, 100, false); // connection lost: the allowed will is published
    control.close();
    assertThat(bob.next(3000)).isEqualTo("bob/will/mallory=gone");
    MqttClient mallory =
        new MqttClient(
            tcp, "mallory-r2", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
    mallory.connect(options); // the will is allowed now: CONNACK 0
    assertThat(mallory.isConnected()).isTrue();
    String usersWithoutMallory = ConfigDir.users().replaceAll(",\"mallory\": \\{[^}]*\\}", "");
    assertThat(usersWithoutMallory).doesNotContain("mallory");
    ConfigDir.write(config, "users.json", usersWithoutMallory);
    assertThat(broker.reload())
        .isInstanceOfSatisfying(
            ReloadOutcome.Applied.class, a -> assertThat(a.revokedSessions()).isEqualTo(1));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (mallory.isConnected() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(mallory.isConnected()).as("revoked client disconnected").isFalse();
    mallory.close();
    assertThat(bob.next(1500)).as("the revoked client's will").isNull();
    bob.close();
    ConfigDir.write(config, "acl.json", ConfigDir.ACL);
    assertThat(broker.reload()).isInstanceOf(ReloadOutcome.Applied.class);
  }

  @Test
  @Order(4)
  void plainWill_onATopicThatGotAPayloadRule_isNotPublishedAtConnectionLoss() throws Exception {
    Subscriber bob = new Subscriber(Clients.paho(tcp, "bob-r4", "bob", true));
    assertThat(bob.subscribe("shared/#", 1)).isEqualTo(1);
    MqttClient control = connectWithWill("alice-r4c", "shared/lastwill");
    control.disconnectForcibly(100, 100, false); // no payload rule there: the will is published
    control.close();
    assertThat(bob.next(3000)).isEqualTo("shared/lastwill=gone");

    MqttClient alice = connectWithWill("alice-r4", "shared/lastwill"); // accepted: no rule yet
    ConfigDir.write(
        config,
        "payload.json",
        ConfigDir.PAYLOAD.replace("[\"secure/#\"]", "[\"secure/#\", \"shared/lastwill\"]"));
    assertThat(broker.reload()).isInstanceOf(ReloadOutcome.Applied.class);
    alice.disconnectForcibly(100, 100, false);
    alice.close();
    assertThat(bob.next(1500)).as("an unprotected will on a protected topic").isNull();
    bob.close();
    ConfigDir.write(config, "payload.json", ConfigDir.PAYLOAD);
    assertThat(broker.reload()).isInstanceOf(ReloadOutcome.Applied.class);
  }

  private static MqttClient connectWithWill(String clientId, String willTopic) throws Exception {
    var options = Clients.pahoOptions("alice", true);
    options.setWill(willTopic, "gone".getBytes(StandardCharsets.UTF_8), 1, false);
    MqttClient c =
        new MqttClient(
            tcp, clientId, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
    c.connect(options);
    return c;
  }
}

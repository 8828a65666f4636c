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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
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
 * Issue 15 on Moquette (MQTT 3.1.1), driven by real clients: the client-ID reservation follows the
 * current session (item 3), an oversize protected payload closes the publisher's connection (item
 * 5), and a reload counts only live connections as revoked (item 7).
 */
class SessionLifecycleIT {
  static final List<AuditEvent> AUDIT = new CopyOnWriteArrayList<>();
  static final String PAYLOAD =
      """
      {"rules": [{"topics": ["secure/#"], "action": "decrypt", "keys": [7], "maxPayloadBytes": 128}]}
      """;

  static Path config;
  static String users;
  static GuardedMoquette broker;
  static PayloadSealer sealer;
  static String tcp;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    config = ConfigDir.write(dir);
    PasswordHasher h = PasswordHasher.argon2id(new SecureRandom());
    users =
        ConfigDir.users(
            ConfigDir.user(h, "owner1", "[\"operator\"]", "[\"shared-*\"]"),
            ConfigDir.user(h, "owner2", "[\"operator\"]", "[\"shared-*\"]"),
            ConfigDir.user(h, "gone", "[\"operator\"]", null));
    ConfigDir.write(config, "users.json", users);
    ConfigDir.write(config, "payload.json", PAYLOAD);
    sealer =
        PayloadSealer.create(
            Keyset.parse("keys.json", Files.readAllBytes(dir.resolve("keys.json"))),
            Clock.systemUTC(),
            new SecureRandom());
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("persistence_enabled", "false");
    broker =
        MqttGuardMoquette.from(config)
            .auditSink(AUDIT::add)
            .reloadInterval(Duration.ZERO)
            .start(new Server(), p);
    tcp = "tcp://127.0.0.1:" + broker.port();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  /** {@code mosquitto_sub -V mqttv311 [-c] -E}: connect, subscribe, disconnect. */
  private static Clients.Cli mosquittoSub(String clientId, String user, boolean persistent)
      throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "-i",
                clientId,
                "-u",
                user,
                "-P",
                ConfigDir.password(user),
                "-t",
                "shared/x",
                "-E"));
    if (persistent) {
      args.add("-c");
    }
    return Clients.mosquitto("mosquitto_sub", broker.port(), args.toArray(String[]::new));
  }

  @Test
  void mosquittoSub_persistentThenCleanSession_idIsFreeForAnotherBoundIdentity() throws Exception {
    assertThat(mosquittoSub("shared-m", "owner1", true).exitCode()).isZero(); // -c
    Clients.Cli held = mosquittoSub("shared-m", "owner2", false);
    assertThat(held.exitCode()).as("held while the persistent session exists").isNotZero();
    assertThat(held.stderr() + held.stdout()).contains("identifier rejected");

    assertThat(mosquittoSub("shared-m", "owner1", false).exitCode()).isZero(); // clean session

    Clients.Cli other = mosquittoSub("shared-m", "owner2", false);
    assertThat(other.exitCode()).as(other.stderr()).isZero();
  }

  @Test
  void paho_cleanSessionFalseThenTrue_idIsFreeForAnotherBoundIdentity() throws Exception {
    Clients.paho(tcp, "shared-p", "owner1", false).disconnect();
    awaitNoClient("shared-p");
    assertThatThrownBy(() -> Clients.paho(tcp, "shared-p", "owner2", true))
        .isInstanceOfSatisfying(
            MqttException.class,
            e ->
                assertThat(e.getReasonCode())
                    .isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));

    Clients.paho(tcp, "shared-p", "owner1", true).disconnect();
    awaitNoClient("shared-p");

    MqttClient other = Clients.paho(tcp, "shared-p", "owner2", true);
    assertThat(other.isConnected()).isTrue();
    other.disconnect();
  }

  @Test
  void oversizeProtectedPayload_closesThePublishersConnection_nothingDelivered_auditOversize()
      throws Exception {
    Subscriber bob = new Subscriber(Clients.paho(tcp, "bob-os", "bob", true));
    assertThat(bob.subscribe("secure/#", 1)).isEqualTo(1);
    MqttClient alice = Clients.paho(tcp, "alice-os", "alice", true);
    byte[] text = new byte[300];
    Arrays.fill(text, (byte) 'a');
    byte[] big = sealer.seal("secure/big", text);
    assertThat(big.length).isGreaterThan(128);

    assertThatThrownBy(() -> alice.publish("secure/big", big, 1, false))
        .as("no PUBACK: MQTT 3.1.1 has no negative acknowledgement; the connection is closed")
        .isInstanceOf(MqttException.class);
    assertThat(alice.isConnected()).isFalse();
    assertThat(bob.next(1500)).isNull();
    assertThat(AUDIT)
        .anyMatch(
            e ->
                e.event().equals("payload")
                    && "OVERSIZE".equals(e.reasonCode())
                    && "alice-os".equals(e.clientId()));
    alice.close();
    bob.close();
  }

  @Test
  void reloadRevokingAUser_countsOnlyItsLiveConnection_notOneThatJustDisconnected()
      throws Exception {
    MqttClient live = Clients.paho(tcp, "gone-live", "gone", true);
    Clients.paho(tcp, "gone-ended", "gone", true).disconnect();
    awaitNoClient("gone-ended");
    int before = AUDIT.size();

    ConfigDir.write(
        config, "users.json", users.replace("\"gone\": {", "\"gone\": {\"disabled\": true, "));
    assertThat(broker.reload())
        .isInstanceOfSatisfying(
            ReloadOutcome.Applied.class, a -> assertThat(a.revokedSessions()).isEqualTo(1));

    List<AuditEvent> events = AUDIT.subList(before, AUDIT.size());
    assertThat(events)
        .filteredOn(e -> e.event().equals("reload"))
        .singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("revokedSessions", "1"));
    assertThat(events) // the core's revoke event and the adapter's disconnect report
        .filteredOn(e -> e.event().equals("revoke"))
        .extracting(AuditEvent::clientId)
        .isNotEmpty()
        .containsOnly("gone-live");
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (live.isConnected() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(live.isConnected()).as("the live connection is disconnected").isFalse();
    live.close();
    ConfigDir.write(config, "users.json", users);
    assertThat(broker.reload()).isInstanceOf(ReloadOutcome.Applied.class);
  }

  /** Waits until Moquette reports {@code clientId} gone (its disconnect has been processed). */
  private static void awaitNoClient(String clientId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      boolean connected =
          broker.server().listConnectedClients().stream()
              .anyMatch(c -> c.getClientID().equals(clientId));
      if (!connected) {
        Thread.sleep(100); // the hook's disconnect report runs right after on the same thread
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(clientId + " still connected after 5 s");
  }
}

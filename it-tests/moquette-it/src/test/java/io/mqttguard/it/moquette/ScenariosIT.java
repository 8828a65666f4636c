package io.mqttguard.it.moquette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import io.moquette.broker.Server;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.moquette.GuardedMoquette;
import io.mqttguard.moquette.MqttGuardMoquette;
import io.mqttguard.testsupport.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behavioural scenarios against one guarded Moquette (plain TCP + TLS with client
 * certificates), with the HiveMQ client in 3.1.1 mode, Paho and mosquitto_pub/sub.
 */
class ScenariosIT {
  static GuardedMoquette broker;
  static TestPki tls;
  static String tcp;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    tls = new TestPki(dir);
    Path config = java.nio.file.Files.createDirectory(dir.resolve("config"));
    ConfigDir.write(config);
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("persistence_enabled", "false");
    tls.configureMoquetteTls(p);
    broker =
        MqttGuardMoquette.from(config).auditSink(AuditSink.discarding()).start(new Server(), p);
    tcp = "tcp://127.0.0.1:" + broker.port();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  static Subscriber paho(String clientId, String user) throws Exception {
    return new Subscriber(Clients.paho(tcp, clientId, user, true));
  }

  // --- authentication -------------------------------------------------------------------------

  @Test
  void passwordLogin_hivemqClient311_isAccepted_andWrongPasswordIsRefused() {
    Mqtt3BlockingClient ok = Clients.hivemq(broker.port(), "alice-hivemq");
    assertThat(Clients.hivemqConnect(ok, "alice", ConfigDir.password("alice")))
        .isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
    ok.disconnect();
    Mqtt3BlockingClient bad = Clients.hivemq(broker.port(), "alice-hivemq2");
    assertThat(Clients.hivemqConnect(bad, "alice", "wrong"))
        .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
  }

  @Test
  void mosquittoClients_publishAndSubscribe_withPasswords() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Clients.Cli> sub =
          pool.submit(
              () ->
                  Clients.mosquitto(
                      "mosquitto_sub",
                      broker.port(),
                      "-i",
                      "bob-cli",
                      "-u",
                      "bob",
                      "-P",
                      ConfigDir.password("bob"),
                      "-t",
                      "shared/cli",
                      "-C",
                      "1",
                      "-W",
                      "10"));
      Thread.sleep(700); // let mosquitto_sub subscribe
      Clients.Cli pub =
          Clients.mosquitto(
              "mosquitto_pub",
              broker.port(),
              "-i",
              "alice-cli",
              "-u",
              "alice",
              "-P",
              ConfigDir.password("alice"),
              "-t",
              "shared/cli",
              "-m",
              "from-cli",
              "-q",
              "1");
      assertThat(pub.exitCode()).as(pub.stderr()).isZero();
      assertThat(sub.get().stdout().trim()).isEqualTo("from-cli");
      Clients.Cli denied =
          Clients.mosquitto(
              "mosquitto_pub",
              broker.port(),
              "-i",
              "alice-cli2",
              "-u",
              "alice",
              "-P",
              "wrong",
              "-t",
              "shared/cli",
              "-m",
              "x");
      assertThat(denied.exitCode()).isNotZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void certificateLogin_withoutUsername_getsTheMappedIdentityAndItsRights() throws Exception {
    MqttConnectOptions o = Clients.pahoOptions(null, true);
    o.setSocketFactory(tls.clientSocketFactory("dev-1"));
    Subscriber dev =
        new Subscriber(Clients.connect("ssl://127.0.0.1:" + broker.sslPort(), "dev-1", o));
    assertThat(dev.subscribe("devices/dev-1/cmd", 1)).isEqualTo(1);
    assertThat(dev.subscribe("devices/dev-2/cmd", 1)).isEqualTo(128);
    dev.close();
  }

  @Test
  void certificateLogins_underConcurrency_withPlainTcpImpersonation_onlyRealDevicesGetIn()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> devices = new ArrayList<>();
      List<Future<Boolean>> impostors = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String cn = "dev-" + (100 + i);
        devices.add(pool.submit(tlsLogin(cn)));
        impostors.add(pool.submit(plainLogin(cn, cn)));
        impostors.add(pool.submit(plainLogin(cn, "bob"))); // valid user, device's client ID
      }
      for (Future<Boolean> f : devices) {
        assertThat(f.get()).as("device with its own certificate").isTrue();
      }
      for (Future<Boolean> f : impostors) {
        assertThat(f.get()).as("plain-TCP impersonation").isFalse();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Callable<Boolean> tlsLogin(String cn) {
    return () -> {
      MqttConnectOptions o = Clients.pahoOptions(null, true);
      o.setSocketFactory(tls.clientSocketFactory(cn));
      try {
        MqttClient c = Clients.connect("ssl://127.0.0.1:" + broker.sslPort(), cn, o);
        c.disconnect();
        c.close();
        return true;
      } catch (MqttException e) {
        return false;
      }
    };
  }

  private static Callable<Boolean> plainLogin(String clientId, String user) {
    return () -> {
      MqttConnectOptions o = Clients.pahoOptions(null, true);
      o.setUserName(user);
      o.setPassword("not-the-password".toCharArray());
      try {
        MqttClient c = Clients.connect(tcp, clientId, o);
        c.disconnect();
        c.close();
        return true;
      } catch (MqttException e) {
        return false;
      }
    };
  }

  @Test
  void hostileClientIds_plusAndHash_areRejectedBeforeSubstitution() throws Exception {
    for (String hostile : List.of("+", "#", "a/+", "victim/#")) {
      MqttConnectOptions o = Clients.pahoOptions("mallory", true);
      assertThatThrownBy(() -> Clients.connect(tcp, hostile, o))
          .as(hostile)
          .isInstanceOf(MqttException.class)
          .extracting(e -> ((MqttException) e).getReasonCode())
          .isEqualTo((int) MqttException.REASON_CODE_INVALID_CLIENT_ID);
    }
    Subscriber own = paho("victim2", "mallory");
    assertThat(own.subscribe("clients/victim2/#", 1)).isEqualTo(1);
    assertThat(own.subscribe("clients/+/#", 1)).isEqualTo(128);
    own.close();
  }

  @Test
  void clientIdTakeover_ofAPersistentSession_isRefused_andTheOwnerKeepsItsMessages()
      throws Exception {
    MqttClient home = Clients.paho(tcp, "bob-home", "bob", false);
    Subscriber owner = new Subscriber(home);
    assertThat(owner.subscribe("bob/inbox", 1)).isEqualTo(1);
    home.disconnect();
    MqttClient sender = Clients.paho(tcp, "bob-sender", "bob", true);
    sender.publish("bob/inbox", "for bob only".getBytes(StandardCharsets.UTF_8), 1, false);
    sender.disconnect();
    assertThatThrownBy(() -> Clients.paho(tcp, "bob-home", "mallory", false))
        .isInstanceOf(MqttException.class)
        .extracting(e -> ((MqttException) e).getReasonCode())
        .isEqualTo((int) MqttException.REASON_CODE_INVALID_CLIENT_ID);
    home.connect(Clients.pahoOptions("bob", false));
    assertThat(owner.next(3000)).isEqualTo("bob/inbox=for bob only");
    owner.close();
  }

  // --- authorization ----------------------------------------------------------------------------

  @Test
  void subscribe_wildcardBeyondGrant_isDenied_andSysTopicsToo() throws Exception {
    Subscriber bob = paho("bob-wild", "bob");
    assertThat(bob.subscribe("#", 1)).isEqualTo(128);
    assertThat(bob.subscribe("+/x", 1)).isEqualTo(128);
    assertThat(bob.subscribe("$SYS/#", 0)).isEqualTo(128);
    assertThat(bob.subscribe("shared/#", 1)).isEqualTo(1);
    bob.close();
  }

  @Test
  void hivemqClient_subscribeBeyondGrant_getsFailureReturnCode() {
    Mqtt3BlockingClient c = Clients.hivemq(broker.port(), "alice-hsub");
    assertThat(Clients.hivemqConnect(c, "alice", ConfigDir.password("alice")))
        .isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
    assertThatThrownBy(
            () -> c.subscribeWith().topicFilter("bob/#").qos(MqttQos.AT_LEAST_ONCE).send())
        .hasMessageContaining("SUBACK");
    c.disconnect();
  }

  @Test
  void retained_reachesOnlyAuthorizedSubscribers() throws Exception {
    MqttClient alice = Clients.paho(tcp, "alice-ret", "alice", true);
    alice.publish("alice/state", "on".getBytes(StandardCharsets.UTF_8), 1, true);
    Subscriber bob = paho("bob-ret", "bob");
    assertThat(bob.subscribe("alice/#", 1)).isEqualTo(128);
    assertThat(bob.next(500)).isNull();
    Subscriber alice2 = paho("alice-ret2", "alice");
    assertThat(alice2.subscribe("alice/#", 1)).isEqualTo(1);
    assertThat(alice2.next(3000)).isEqualTo("alice/state=on");
    alice.disconnect();
    bob.close();
    alice2.close();
  }

  @Test
  void receiveDeny_insideAnAllowedSubscription_isNotDelivered() throws Exception {
    Subscriber bob = paho("bob-recv", "bob");
    assertThat(bob.subscribe("shared/#", 1)).isEqualTo(1);
    MqttClient alice = Clients.paho(tcp, "alice-recv", "alice", true);
    alice.publish("shared/private", "hidden".getBytes(StandardCharsets.UTF_8), 1, false);
    alice.publish("shared/open", "visible".getBytes(StandardCharsets.UTF_8), 1, false);
    assertThat(bob.next(3000)).isEqualTo("shared/open=visible");
    assertThat(bob.next(300)).isNull();
    alice.disconnect();
    bob.close();
  }

  @Test
  void will_forgedOnAForbiddenTopic_isRefusedAtConnect() throws Exception {
    Subscriber bob = paho("bob-will", "bob");
    assertThat(bob.subscribe("bob/#", 1)).isEqualTo(1);
    MqttConnectOptions o = Clients.pahoOptions("mallory", true);
    o.setWill("bob/alarm", "FORGED".getBytes(StandardCharsets.UTF_8), 1, false);
    assertThatThrownBy(() -> Clients.connect(tcp, "mallory-will", o))
        .isInstanceOf(MqttException.class)
        .extracting(e -> ((MqttException) e).getReasonCode())
        .isEqualTo((int) MqttException.REASON_CODE_NOT_AUTHORIZED);
    assertThat(bob.next(500)).isNull();
    bob.close();
  }

  @Test
  void publish_beyondGrant_isNeverRouted_andClosesTheConnection() throws Exception {
    Subscriber bob = paho("bob-pub", "bob");
    assertThat(bob.subscribe("bob/#", 1)).isEqualTo(1);
    MqttClient mallory = Clients.paho(tcp, "mallory-pub", "mallory", true);
    assertThatThrownBy(
            () -> mallory.publish("bob/inbox", "forged".getBytes(StandardCharsets.UTF_8), 1, false))
        .isInstanceOf(MqttException.class);
    assertThat(mallory.isConnected()).isFalse();
    assertThat(bob.next(500)).isNull();
    mallory.close();
    bob.close();
  }
}

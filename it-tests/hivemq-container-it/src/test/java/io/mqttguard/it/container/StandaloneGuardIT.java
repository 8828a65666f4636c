package io.mqttguard.it.container;

import static io.mqttguard.it.container.Configs.KEYSTORE_PASSWORD;
import static io.mqttguard.it.container.Configs.OP2_PASSWORD;
import static io.mqttguard.it.container.Configs.OP_PASSWORD;
import static io.mqttguard.it.container.Configs.WATCHER_PASSWORD;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.testsupport.Mosquitto;
import io.mqttguard.testsupport.Mqtt5TestClient;
import io.mqttguard.testsupport.TestPki;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.hivemq.HiveMQContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A standalone HiveMQ CE 2025.5 (its own {@code conf/config.xml}, its own defaults) in a container
 * with only MQTT Guard installed, as the README tells operators; clients in the test JVM (HiveMQ
 * MQTT client, Paho) and Debian's mosquitto clients on the host. The log check runs last, so it
 * sees every secret the other tests sent.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneGuardIT {
  static final Duration QUIET = Duration.ofMillis(1500);

  private HiveMQContainer hivemq;
  private TestPki pki;
  private PayloadSealer sealer;
  private final List<String> secrets = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    pki = new TestPki(tmp.resolve("pki"), Configs.KEYSTORE_PASSWORD);
    String aes = Configs.randomKeyMaterial();
    String keys = Configs.keys(aes);
    sealer =
        PayloadSealer.create(
            Keyset.parse("keys.json", keys.getBytes(UTF_8)), Clock.systemUTC(), new SecureRandom());
    secrets.addAll(List.of(OP_PASSWORD, OP2_PASSWORD, WATCHER_PASSWORD, aes, KEYSTORE_PASSWORD));
    hivemq =
        GuardContainer.create(
            tmp.resolve("container"),
            pki,
            Map.of(
                "acl.json",
                Configs.acl(Configs.WATCHER_ALLOWED),
                "users.json",
                Configs.users(),
                "guard.json",
                Configs.GUARD,
                "keys.json",
                keys,
                "payload.json",
                Configs.PAYLOAD_RULES),
            true,
            true);
    hivemq.start();
  }

  @AfterAll
  void stop() {
    if (hivemq != null) {
      hivemq.stop();
    }
  }

  private int tcp() {
    return hivemq.getMappedPort(GuardContainer.MQTT);
  }

  private int tls() {
    return hivemq.getMappedPort(GuardContainer.MQTTS);
  }

  private Mqtt5TestClient connected(String clientId, String user, String password) {
    Mqtt5TestClient c = Mqtt5TestClient.create(clientId, tcp());
    assertThat(c.connect(user, password)).as(clientId).isEqualTo("SUCCESS");
    return c;
  }

  @Test
  @Order(1)
  void onlyMqttGuard_allowAllRemoved_guardStartedInIsolatedClassloader() throws Exception {
    var ls = hivemq.execInContainer("ls", "/opt/hivemq/extensions");
    assertThat(ls.getStdout().lines()).contains(GuardContainer.EXTENSION_ID);
    assertThat(ls.getStdout()).doesNotContain(GuardContainer.ALLOW_ALL_ID);
    assertThat(hivemq.getLogs())
        .contains(
            "MQTT Guard: enforcing the configuration in /opt/hivemq/extensions/mqtt-guard/conf")
        .contains("IsolatedExtensionClassloader")
        .doesNotContain("allow-all extension is installed and enabled");
  }

  @Test
  @Order(1)
  void brokerProcess_runsAsNonRootUser() throws Exception {
    var uid =
        hivemq.execInContainer(
            "sh",
            "-c",
            "for p in /proc/[0-9]*; do case \"$(readlink $p/exe)\" in */java)"
                + " grep '^Uid:' $p/status;; esac; done");
    // real, effective, saved and filesystem uid of the JVM
    assertThat(uid.getStdout().trim()).matches("Uid:\\s+10000\\s+10000\\s+10000\\s+10000");
  }

  @Test
  @Order(1)
  void anonymousAndWrongPassword_areRefused_validUserConnects_hivemqClient() {
    try (Mqtt5TestClient anon = Mqtt5TestClient.create("anon-1", tcp());
        Mqtt5TestClient wrong = Mqtt5TestClient.create("op-wrong", tcp());
        Mqtt5TestClient ok = Mqtt5TestClient.create("op-ok", tcp())) {
      assertThat(anon.connect(null, null)).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
      assertThat(wrong.connect("op", OP2_PASSWORD)).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
      assertThat(ok.connect("op", OP_PASSWORD)).isEqualTo("SUCCESS");
    }
  }

  @Test
  @Order(1)
  void wrongPassword_isRefusedWithCode4_validUserConnects_paho() throws Exception {
    String uri = "tcp://127.0.0.1:" + tcp();
    MqttClient wrong = new MqttClient(uri, "op-paho-wrong", new MemoryPersistence());
    MqttClient ok = new MqttClient(uri, "op-paho-ok", new MemoryPersistence());
    try {
      MqttException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              MqttException.class, () -> wrong.connect(options("op", WATCHER_PASSWORD)));
      assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
      ok.connect(options("op", OP_PASSWORD));
      assertThat(ok.isConnected()).isTrue();
      ok.disconnect();
    } finally {
      wrong.close();
      ok.close();
    }
  }

  private static MqttConnectOptions options(String user, String password) {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setUserName(user);
    o.setPassword(password.toCharArray());
    o.setConnectionTimeout(10);
    return o;
  }

  @Test
  @Order(1)
  void mosquitto_anonymousAndWrongPasswordRefused_validUserPublishes() throws Exception {
    Mosquitto.Result anon =
        Mosquitto.run(Mosquitto.pub(tcp(), "mqttv5", "anon-m", null, null, "plant/a", "x"), 20);
    Mosquitto.Result wrong =
        Mosquitto.run(
            Mosquitto.pub(tcp(), "mqttv311", "op-m1", "op", OP2_PASSWORD, "plant/a", "x"), 20);
    Mosquitto.Result ok =
        Mosquitto.run(
            Mosquitto.pub(tcp(), "mqttv311", "op-m2", "op", OP_PASSWORD, "plant/a", "x"), 20);
    assertThat(anon.exitCode()).as(anon.output()).isNotZero();
    assertThat(anon.output()).containsIgnoringCase("bad user name or password");
    assertThat(wrong.exitCode()).as(wrong.output()).isNotZero();
    assertThat(wrong.output()).containsIgnoringCase("bad user name or password");
    assertThat(ok.exitCode()).as(ok.output()).isZero();
  }

  @Test
  @Order(1)
  void acl_subscribeBeyondGrant_publishOutsideGrant_receiveCarveOut() {
    try (Mqtt5TestClient sub = connected("op-acl-s", "op", OP_PASSWORD);
        Mqtt5TestClient pub = connected("op2-acl-p", "op2", OP2_PASSWORD);
        Mqtt5TestClient outsider = connected("op2-acl-x", "op2", OP2_PASSWORD)) {
      assertThat(sub.subscribe("#")).containsExactly("NOT_AUTHORIZED");
      assertThat(sub.subscribe("plant/#")).containsExactly("GRANTED_QOS_1");
      assertThat(pub.publish("plant/line1", "visible")).isEqualTo("SUCCESS");
      assertThat(pub.publish("plant/secret/recipe", "hidden")).isEqualTo("SUCCESS");
      assertThat(sub.receiveAll(QUIET)).containsExactly("plant/line1=visible");
      assertThat(outsider.publish("office/coffee", "x")).isEqualTo("NOT_AUTHORIZED");
      assertThat(outsider.disconnectReason(Duration.ofSeconds(5))).contains("NOT_AUTHORIZED");
    }
  }

  @Test
  @Order(1)
  void tlsListener_clientCertificateLogin_mappedConnects_unmappedIsNotAuthorized()
      throws Exception {
    TestPki.Client sensor = pki.client("CN=dev-1,OU=sensors,O=MQTT Guard Tests");
    TestPki.Client stranger = pki.client("CN=dev-2,OU=printers,O=MQTT Guard Tests");
    try (Mqtt5TestClient ok = Mqtt5TestClient.create("dev-1", tls(), b -> tls(b, sensor));
        Mqtt5TestClient no = Mqtt5TestClient.create("dev-2", tls(), b -> tls(b, stranger))) {
      assertThat(ok.connect(null, null)).isEqualTo("SUCCESS");
      assertThat(ok.publish("sensors/dev-1/temp", "21")).isEqualTo("NO_MATCHING_SUBSCRIBERS");
      assertThat(no.connect(null, null)).isEqualTo("NOT_AUTHORIZED");
    }
    Mosquitto.Result r =
        Mosquitto.run(
            List.of(
                "mosquitto_pub",
                "-h",
                "localhost",
                "-p",
                Integer.toString(tls()),
                "--cafile",
                pki.caPem().toString(),
                "--cert",
                sensor.certPem().toString(),
                "--key",
                sensor.keyPem().toString(),
                "-i",
                "dev-1",
                "-q",
                "1",
                "-t",
                "sensors/dev-1/temp",
                "-m",
                "22"),
            20);
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  private MqttClientSslConfigBuilder tls(MqttClientSslConfigBuilder b, TestPki.Client client) {
    try {
      return b.trustManagerFactory(pki.trustManagers()).keyManagerFactory(pki.keyManagers(client));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(1)
  void encryptedPublish_isDeliveredAsPlaintext_tamperedIsRefused() throws Exception {
    try (Mqtt5TestClient sub = connected("op-enc-s", "op", OP_PASSWORD);
        Mqtt5TestClient pub = connected("op2-enc-p", "op2", OP2_PASSWORD)) {
      assertThat(sub.subscribe("plant/enc/#")).containsExactly("GRANTED_QOS_1");
      byte[] sealed = sealer.seal("plant/enc/temp", "21.5".getBytes(UTF_8));
      assertThat(new String(sealed, UTF_8)).doesNotContain("21.5");
      assertThat(pub.publish("plant/enc/temp", sealed, false)).isEqualTo("SUCCESS");
      byte[] tampered = sealer.seal("plant/enc/temp", "99.9".getBytes(UTF_8));
      tampered[tampered.length - 1] ^= 1;
      assertThat(pub.publish("plant/enc/temp", tampered, false)).isEqualTo("NOT_AUTHORIZED");
      assertThat(sub.receiveAll(QUIET)).containsExactly("plant/enc/temp=21.5");
    }
  }

  @Test
  @Order(2)
  void hotReload_aclCopiedIntoRunningContainer_revokesLiveSubscriber() throws Exception {
    try (Mqtt5TestClient watcher = connected("watcher-1", "watcher", WATCHER_PASSWORD);
        Mqtt5TestClient pub = connected("op2-reload-p", "op2", OP2_PASSWORD)) {
      assertThat(watcher.subscribe("plant/reload/#")).containsExactly("GRANTED_QOS_1");
      assertThat(pub.publish("plant/reload/a", "before")).isEqualTo("SUCCESS");
      assertThat(watcher.receiveAll(QUIET)).containsExactly("plant/reload/a=before");

      GuardContainer.replaceConf(hivemq, "acl.json", Configs.acl(Configs.WATCHER_REVOKED));
      // the reload is asynchronous (file watch, debounced; 5 s periodic check)
      String reason = watcher.disconnectReason(Duration.ofSeconds(30)).orElse("still connected");
      assertThat(reason).isEqualTo("NOT_AUTHORIZED");
    }
    try (Mqtt5TestClient again = Mqtt5TestClient.create("watcher-2", tcp())) {
      assertThat(again.connect("watcher", WATCHER_PASSWORD)).isEqualTo("SUCCESS");
      assertThat(again.subscribe("plant/reload/#")).containsExactly("NOT_AUTHORIZED");
    }
  }

  @Test
  @Order(3)
  void brokerLog_containsNoSecrets() throws Exception {
    try (Mqtt5TestClient wrong = Mqtt5TestClient.create("op-logcheck", tcp())) {
      assertThat(wrong.connect("op", WATCHER_PASSWORD)).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
    }
    String log = GuardContainer.brokerLog(hivemq);
    assertThat(log)
        .as("the log is the real one: it has the refused login")
        .contains("Started HiveMQ in")
        .contains("\"clientId\":\"op-logcheck\"");
    for (String secret : secrets) {
      assertThat(log).doesNotContain(secret);
    }
    assertThat(log).doesNotContain("$argon2id$").doesNotContain("PRIVATE KEY");
  }
}

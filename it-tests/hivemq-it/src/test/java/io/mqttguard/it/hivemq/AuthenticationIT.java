package io.mqttguard.it.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.Mosquitto;
import io.mqttguard.testsupport.Mqtt5TestClient;
import io.mqttguard.testsupport.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONNECT decisions as each real client sees them: password and certificate logins per listener
 * mode, CONNACK codes for MQTT 5 and 3.1.1, client-ID binding, takeover protection and lockout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationIT {
  private TestPki pki;
  private GuardBroker broker;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    pki = new TestPki(tmp.resolve("pki"));
    broker =
        GuardBroker.start(
            tmp.resolve("broker"),
            pki,
            Configs.files(
                Configs.ACL,
                Configs.usersWithCertificates(
                    "alice",
                    "alice-pw",
                    "[\"operator\"]",
                    "[\"alice\", \"alice-*\"]",
                    "carol",
                    "carol-pw",
                    "[\"operator\"]",
                    null,
                    "dave",
                    "dave-pw",
                    "[\"operator\"]",
                    null,
                    "locky",
                    "locky-pw",
                    "[\"operator\"]",
                    null,
                    "erin",
                    "erin-pw",
                    "[\"operator\"]",
                    null,
                    "dev-8",
                    "dev8-pw",
                    "[\"operator\"]",
                    null)));
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private int tcp() {
    return broker.port("tcp");
  }

  @Test
  void builtZip_runsAsFolderExtension_inHiveMqsIsolatedClassloader() {
    assertThat(
            broker.logContains(
                "Extension \"MQTT Guard\" version 0.1.0-SNAPSHOT started successfully"))
        .isTrue();
    assertThat(
            broker.logContains(
                "(loaded by com.hivemq.extensions.classloader.IsolatedExtensionClassloader)"))
        .isTrue();
    assertThat(broker.extensionHome().resolve("DISABLED")).doesNotExist();
  }

  @Test
  void metrics_authOutcomes_areCountedInHiveMqsRegistry() {
    long success = (Long) broker.gauge("mqttguard.auth.success");
    long failure = (Long) broker.gauge("mqttguard.auth.failure");
    try (Mqtt5TestClient ok = Mqtt5TestClient.create("erin-1", tcp());
        Mqtt5TestClient bad = Mqtt5TestClient.create("erin-2", tcp())) {
      assertThat(ok.connect("erin", "erin-pw")).isEqualTo("SUCCESS");
      assertThat(bad.connect("erin", "nope")).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
    }
    assertThat((Long) broker.gauge("mqttguard.auth.success")).isGreaterThan(success);
    assertThat((Long) broker.gauge("mqttguard.auth.failure")).isGreaterThan(failure);
    assertThat(broker.gauge("mqttguard.sessions.live")).isInstanceOf(Integer.class);
  }

  @Test
  void password_mqtt5_rightPassword_connects_wrongOrUnknown_isBadUserNameOrPassword() {
    try (Mqtt5TestClient ok = Mqtt5TestClient.create("alice", tcp());
        Mqtt5TestClient wrong = Mqtt5TestClient.create("alice-2", tcp());
        Mqtt5TestClient unknown = Mqtt5TestClient.create("nobody", tcp());
        Mqtt5TestClient none = Mqtt5TestClient.create("anon", tcp())) {
      assertThat(ok.connect("alice", "alice-pw")).isEqualTo("SUCCESS");
      assertThat(wrong.connect("alice", "nope")).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
      assertThat(unknown.connect("nobody", "x")).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
      assertThat(none.connect(null, null)).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
    }
  }

  @Test
  void password_mqtt311_wrongPassword_isReturnCode4_rightOneConnects() {
    try (Mqtt3TestClient wrong = new Mqtt3TestClient("alice-3", tcp());
        Mqtt3TestClient ok = new Mqtt3TestClient("alice-4", tcp())) {
      assertThat(wrong.connect("alice", "nope")).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
      assertThat(ok.connect("alice", "alice-pw")).isEqualTo("SUCCESS");
    }
  }

  @Test
  void paho_wrongPassword_isRefusedWithCode4() throws Exception {
    MqttClient paho =
        new MqttClient("tcp://127.0.0.1:" + tcp(), "alice-paho", new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setUserName("alice");
    o.setPassword("nope".toCharArray());
    o.setConnectionTimeout(10);
    try {
      paho.connect(o);
      paho.disconnect();
      throw new AssertionError("Paho connected with a wrong password");
    } catch (MqttException e) {
      assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    } finally {
      paho.close();
    }
    MqttClient good =
        new MqttClient("tcp://127.0.0.1:" + tcp(), "alice-paho2", new MemoryPersistence());
    o.setPassword("alice-pw".toCharArray());
    good.connect(o);
    assertThat(good.isConnected()).isTrue();
    good.disconnect();
    good.close();
  }

  @Test
  void mosquitto_wrongPasswordRefused_rightPasswordPublishes() throws Exception {
    Mosquitto.Result bad =
        Mosquitto.run(
            Mosquitto.pub(tcp(), "mqttv311", "alice-m1", "alice", "nope", "plant/a", "x"), 20);
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.output().toLowerCase(java.util.Locale.ROOT))
        .contains("bad user name or password");
    Mosquitto.Result good =
        Mosquitto.run(
            Mosquitto.pub(tcp(), "mqttv5", "alice-m2", "alice", "alice-pw", "plant/a", "x"), 20);
    assertThat(good.exitCode()).as(good.output()).isZero();
  }

  @Test
  void clientIdBinding_foreignClientId_isClientIdentifierNotValid() {
    try (Mqtt5TestClient v5 = Mqtt5TestClient.create("bob-1", tcp());
        Mqtt3TestClient v3 = new Mqtt3TestClient("bob-2", tcp())) {
      assertThat(v5.connect("alice", "alice-pw")).isEqualTo("CLIENT_IDENTIFIER_NOT_VALID");
      assertThat(v3.connect("alice", "alice-pw")).isEqualTo("IDENTIFIER_REJECTED");
    }
  }

  @Test
  void takeover_otherUserWithHeldClientId_isRefused_ownerStaysConnected() {
    try (Mqtt5TestClient carol = Mqtt5TestClient.create("shared-id", tcp());
        Mqtt5TestClient dave = Mqtt5TestClient.create("shared-id", tcp())) {
      assertThat(carol.connect("carol", "carol-pw")).isEqualTo("SUCCESS");
      assertThat(dave.connect("dave", "dave-pw")).isEqualTo("CLIENT_IDENTIFIER_NOT_VALID");
      assertThat(carol.disconnectReason(Duration.ofSeconds(1))).isEmpty();
      assertThat(carol.isConnected()).isTrue();
    }
  }

  @Test
  void lockout_afterRepeatedFailures_evenTheRightPasswordIsBanned() {
    for (int i = 0; i < 3; i++) {
      try (Mqtt5TestClient c = Mqtt5TestClient.create("locky-" + i, tcp())) {
        assertThat(c.connect("locky", "wrong")).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
      }
    }
    try (Mqtt5TestClient c = Mqtt5TestClient.create("locky-ok", tcp());
        Mqtt3TestClient c3 = new Mqtt3TestClient("locky-ok3", tcp())) {
      assertThat(c.connect("locky", "locky-pw")).isEqualTo("BANNED");
      assertThat(c3.connect("locky", "locky-pw")).isEqualTo("NOT_AUTHORIZED");
    }
  }

  @Test
  void certificate_mappedCert_connectsOnCertificateListener_unmappedIsNotAuthorized()
      throws Exception {
    TestPki.Client sensor = pki.client("CN=dev-1,OU=sensors,O=MQTT Guard Tests");
    TestPki.Client stranger = pki.client("CN=dev-2,OU=printers,O=MQTT Guard Tests");
    int port = broker.port("tls-required");
    try (Mqtt5TestClient ok = Mqtt5TestClient.create("dev-1", port, b -> tls(b, sensor));
        Mqtt5TestClient no = Mqtt5TestClient.create("dev-2", port, b -> tls(b, stranger))) {
      assertThat(ok.connect(null, null)).isEqualTo("SUCCESS");
      assertThat(no.connect(null, null)).isEqualTo("NOT_AUTHORIZED");
    }
  }

  @Test
  void certificate_boundClientId_otherClientIdIsRefused() throws Exception {
    TestPki.Client sensor = pki.client("CN=dev-3,OU=sensors,O=MQTT Guard Tests");
    try (Mqtt5TestClient c =
        Mqtt5TestClient.create("dev-4", broker.port("tls-required"), b -> tls(b, sensor))) {
      assertThat(c.connect(null, null)).isEqualTo("CLIENT_IDENTIFIER_NOT_VALID");
    }
  }

  @Test
  void mosquitto_certificateLogin_publishes() throws Exception {
    TestPki.Client sensor = pki.client("CN=dev-5,OU=sensors,O=MQTT Guard Tests");
    Mosquitto.Result r =
        Mosquitto.run(
            List.of(
                "mosquitto_pub",
                "-h",
                "localhost",
                "-p",
                Integer.toString(broker.port("tls-required")),
                "--cafile",
                pki.caPem().toString(),
                "--cert",
                sensor.certPem().toString(),
                "--key",
                sensor.keyPem().toString(),
                "-i",
                "dev-5",
                "-q",
                "1",
                "-t",
                "sensors/dev-5/temp",
                "-m",
                "21"),
            20);
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void certificateOrPasswordListener_mappedCertificateAloneConnects() throws Exception {
    TestPki.Client sensor = pki.client("CN=dev-7,OU=sensors,O=MQTT Guard Tests");
    try (Mqtt5TestClient c =
        Mqtt5TestClient.create("dev-7", broker.port("tls"), b -> tls(b, sensor))) {
      assertThat(c.connect(null, null)).isEqualTo("SUCCESS");
    }
  }

  @Test
  void certificateAndPasswordListener_needsBothFactors() throws Exception {
    TestPki.Client sensor = pki.client("CN=dev-8,OU=sensors,O=MQTT Guard Tests");
    int port = broker.port("tls-both");
    try (Mqtt5TestClient both = Mqtt5TestClient.create("dev-8", port, b -> tls(b, sensor));
        Mqtt5TestClient wrong = Mqtt5TestClient.create("dev-8", port, b -> tls(b, sensor));
        Mqtt5TestClient certOnly = Mqtt5TestClient.create("dev-8", port, b -> tls(b, sensor))) {
      assertThat(wrong.connect("dev-8", "nope")).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
      assertThat(certOnly.connect(null, null)).isNotEqualTo("SUCCESS");
      assertThat(both.connect("dev-8", "dev8-pw")).isEqualTo("SUCCESS");
    }
  }

  @Test
  void certificateOrPasswordListener_passwordStillWorks() throws Exception {
    try (Mqtt5TestClient c =
        Mqtt5TestClient.create(
            "alice-tls", broker.port("tls"), b -> b.trustManagerFactory(trust()))) {
      assertThat(c.connect("alice", "alice-pw")).isEqualTo("SUCCESS");
    }
  }

  private com.hivemq.client.mqtt.MqttClientSslConfigBuilder tls(
      com.hivemq.client.mqtt.MqttClientSslConfigBuilder b, TestPki.Client client) {
    try {
      return b.trustManagerFactory(pki.trustManagers()).keyManagerFactory(pki.keyManagers(client));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private javax.net.ssl.TrustManagerFactory trust() {
    try {
      return pki.trustManagers();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

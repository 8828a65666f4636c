package io.mqttguard.it.container;

import static io.mqttguard.it.container.Configs.OP_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.Mosquitto;
import io.mqttguard.testsupport.Mqtt5TestClient;
import io.mqttguard.testsupport.TestPki;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.hivemq.HiveMQContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * An invalid {@code acl.json} in a standalone HiveMQ with allow-all removed: MQTT Guard refuses to
 * start with a reason naming the file and the JSON pointer, and HiveMQ's standalone default (no
 * authenticator ⇒ nobody gets in) holds: no client connects, not even with valid credentials.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvalidConfigurationIT {
  private HiveMQContainer hivemq;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    hivemq =
        GuardContainer.create(
            tmp.resolve("container"),
            new TestPki(tmp.resolve("pki"), Configs.KEYSTORE_PASSWORD),
            Map.of(
                "acl.json",
                "{\"roles\": {\"operator\": {\"rules\": [{\"effect\": \"maybe\"}]}}}",
                "users.json",
                Configs.users(),
                "guard.json",
                Configs.GUARD),
            true,
            false);
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

  @Test
  void invalidAcl_extensionDoesNotStart_reasonNamesFileAndPointer() {
    String log = hivemq.getLogs();
    assertThat(log)
        .contains("MQTT Guard: invalid configuration in /opt/hivemq/extensions/mqtt-guard/conf")
        .contains("acl.json: /roles/operator/rules/0")
        .doesNotContainPattern("Extension \"MQTT Guard\" version \\S+ started successfully")
        .doesNotContain("MQTT Guard: enforcing the configuration");
  }

  @Test
  void invalidAcl_brokerLetsNobodyIn_hivemqClient() {
    try (Mqtt5TestClient anon = Mqtt5TestClient.create("anon-inv", tcp());
        Mqtt5TestClient valid = Mqtt5TestClient.create("op-inv", tcp())) {
      assertThat(anon.connect(null, null)).isEqualTo("NOT_AUTHORIZED");
      assertThat(valid.connect("op", OP_PASSWORD)).isEqualTo("NOT_AUTHORIZED");
    }
  }

  @Test
  void invalidAcl_brokerLetsNobodyIn_mosquitto() throws Exception {
    Mosquitto.Result r =
        Mosquitto.run(
            Mosquitto.pub(tcp(), "mqttv311", "op-inv-m", "op", OP_PASSWORD, "plant/a", "x"), 20);
    assertThat(r.exitCode()).as(r.output()).isNotZero();
    assertThat(r.output()).containsIgnoringCase("not authori");
  }
}

package io.mqttguard.it.container;

import static io.mqttguard.it.container.Configs.OP_PASSWORD;
import static io.mqttguard.it.container.Configs.WATCHER_PASSWORD;
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
 * MQTT Guard installed but HiveMQ's allow-all extension left in place (the image default, {@code
 * HIVEMQ_ALLOW_ALL_CLIENTS=true}): as docs/hivemq.md says, MQTT Guard warns loudly at startup and,
 * while it runs, still decides alone (it never defers to the next extension).
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllowAllPresentIT {
  private HiveMQContainer hivemq;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    hivemq =
        GuardContainer.create(
            tmp.resolve("container"),
            new TestPki(tmp.resolve("pki"), Configs.KEYSTORE_PASSWORD),
            Map.of(
                "acl.json", Configs.acl(Configs.WATCHER_ALLOWED),
                "users.json", Configs.users(),
                "guard.json", Configs.GUARD),
            false,
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

  @Test
  void allowAllStillInstalled_isRunning_andMqttGuardWarnsLoudly() {
    String log = hivemq.getLogs();
    assertThat(log)
        .as("allow-all really runs next to MQTT Guard")
        .containsPattern("Extension \"Allow All Extension\" version \\S+ started successfully");
    assertThat(log)
        .contains("MQTT Guard: HiveMQ's allow-all extension is installed and enabled")
        .contains("/opt/hivemq/extensions/" + GuardContainer.ALLOW_ALL_ID)
        .contains("If MQTT Guard ever fails to start, EVERY client will be let in.");
  }

  @Test
  void allowAllStillInstalled_anonymousAndWrongPasswordAreStillRefused() {
    try (Mqtt5TestClient anon = Mqtt5TestClient.create("anon-aa", tcp());
        Mqtt5TestClient wrong = Mqtt5TestClient.create("op-aa-wrong", tcp());
        Mqtt5TestClient ok = Mqtt5TestClient.create("op-aa-ok", tcp())) {
      assertThat(anon.connect(null, null)).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
      assertThat(wrong.connect("op", WATCHER_PASSWORD)).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
      assertThat(ok.connect("op", OP_PASSWORD)).isEqualTo("SUCCESS");
    }
  }

  @Test
  void allowAllStillInstalled_mosquittoWithoutCredentialsIsRefused() throws Exception {
    Mosquitto.Result anon =
        Mosquitto.run(
            Mosquitto.pub(tcp(), "mqttv311", "anon-aa-m", null, null, "plant/a", "x"), 20);
    assertThat(anon.exitCode()).as(anon.output()).isNotZero();
    assertThat(anon.output()).containsIgnoringCase("bad user name or password");
  }
}

package io.mqttguard.it.container;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Why the README says to remove allow-all: with an invalid configuration MQTT Guard does not start,
 * and an allow-all extension left in place then lets every client in (docs/hivemq.md, Install step
 * 3). This pins down the documented risk; it is not behaviour anyone should rely on.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllowAllWithInvalidConfigurationIT {
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
            false,
            false);
    hivemq.start();
  }

  @AfterAll
  void stop() {
    if (hivemq != null) {
      hivemq.stop();
    }
  }

  @Test
  void invalidConfiguration_withAllowAllLeftInPlace_everyClientGetsIn() {
    assertThat(hivemq.getLogs()).contains("MQTT Guard: invalid configuration");
    try (Mqtt5TestClient anon =
        Mqtt5TestClient.create("anyone", hivemq.getMappedPort(GuardContainer.MQTT))) {
      assertThat(anon.connect(null, null)).isEqualTo("SUCCESS");
    }
  }
}

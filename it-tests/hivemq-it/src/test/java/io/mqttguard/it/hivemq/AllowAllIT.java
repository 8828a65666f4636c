package io.mqttguard.it.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.AllowAllStandIn;
import io.mqttguard.testsupport.Mqtt5TestClient;
import io.mqttguard.testsupport.TestPki;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * HiveMQ's allow-all extension next to MQTT Guard: we warn loudly at startup, and while we run we
 * decide alone (we never defer with nextExtensionOrDefault, so allow-all cannot let a client in).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllowAllIT {
  private GuardBroker broker;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    Path allowAll = AllowAllStandIn.install(tmp.resolve("other-extensions"));
    // a stored hash that takes far longer to verify than the (shortened) authentication timeout
    String slowHash =
        "$argon2id$v=19$m=19456,t=400,p=1$"
            + java.util.Base64.getEncoder().withoutPadding().encodeToString(new byte[16])
            + "$"
            + java.util.Base64.getEncoder().withoutPadding().encodeToString(new byte[32]);
    String users =
        Configs.users("op", "op-pw", "[\"operator\"]", null)
            .replace(
                "\"users\": {\n",
                "\"users\": {\n    \"slow\": {\"password\": \""
                    + slowHash
                    + "\", \"roles\": [\"operator\"]},\n");
    System.setProperty("mqttguard.hivemq.authTimeoutSeconds", "3");
    broker =
        GuardBroker.start(
            tmp.resolve("broker"),
            new TestPki(tmp.resolve("pki")),
            Configs.files(Configs.ACL, users),
            List.of(allowAll));
    System.clearProperty("mqttguard.hivemq.authTimeoutSeconds");
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void authenticationTimeout_failsClosedWithServerBusy_evenWithAllowAllInstalled() {
    try (Mqtt5TestClient slow = Mqtt5TestClient.create("slow-1", broker.port("tcp"))) {
      long start = System.nanoTime();
      assertThat(slow.connect("slow", "whatever")).isEqualTo("SERVER_BUSY");
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
          .isBetween(java.time.Duration.ofMillis(2500), java.time.Duration.ofSeconds(10));
    }
  }

  @Test
  void allowAllPresent_isReportedLoudly() {
    assertThat(
            broker.logContains(
                "Extension \"Allow All Extension\" version 1.1.0 started successfully"))
        .as("the stand-in really runs")
        .isTrue();
    assertThat(broker.logLines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("allow-all extension is installed and enabled")
                    .contains("EVERY client"));
  }

  @Test
  void allowAllPresent_wrongPasswordAndAnonymousAreStillRefused() {
    try (Mqtt5TestClient wrong = Mqtt5TestClient.create("op", broker.port("tcp"));
        Mqtt5TestClient anon = Mqtt5TestClient.create("anon", broker.port("tcp"));
        Mqtt5TestClient ok = Mqtt5TestClient.create("op-ok", broker.port("tcp"))) {
      assertThat(wrong.connect("op", "nope")).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
      assertThat(anon.connect(null, null)).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
      assertThat(ok.connect("op", "op-pw")).isEqualTo("SUCCESS");
    }
  }
}

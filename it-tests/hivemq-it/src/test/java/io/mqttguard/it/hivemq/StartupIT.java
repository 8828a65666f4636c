package io.mqttguard.it.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.Mqtt5TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An invalid configuration at startup: the extension refuses to start with a reason naming the file
 * and the problem, and the broker (fail-closed) lets nobody in; it never runs on defaults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartupIT {
  private GuardBroker broker;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    broker =
        GuardBroker.startIn(
            tmp,
            "{\"roles\": {\"operator\": {\"rules\": [{\"effect\": \"maybe\"}]}}}",
            Configs.users("op", "op-pw", "[\"operator\"]", null));
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void invalidAcl_extensionDoesNotStart_reasonNamesFileAndPointer() {
    assertThat(broker.logLines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("MQTT Guard: invalid configuration")
                    .contains("acl.json")
                    .contains("/roles/operator/rules/0"));
    assertThat(
            broker.logContains(
                "Extension \"MQTT Guard\" version 0.1.0-SNAPSHOT started successfully"))
        .isFalse();
  }

  @Test
  void invalidAcl_brokerLetsNobodyIn() {
    try (Mqtt5TestClient c = Mqtt5TestClient.create("op", broker.port("tcp"))) {
      assertThat(c.connect("op", "op-pw")).isEqualTo("NOT_AUTHORIZED");
    }
  }

  @Test
  void shippedExampleConfiguration_isInTheZip() {
    Path conf = GuardBroker.distribution().resolve("conf");
    assertThat(conf.resolve("acl.json")).exists();
    assertThat(conf.resolve("users.json")).exists();
    assertThat(conf.resolve("guard.json")).exists();
    assertThat(Files.exists(GuardBroker.distribution().resolve("hivemq-extension.xml"))).isTrue();
  }

  @Test
  void zipJar_isOneFatJar_withRelocatedLibraries_andNothingHiveMqProvides() throws Exception {
    java.util.List<Path> jars;
    try (java.util.stream.Stream<Path> files = Files.list(GuardBroker.distribution())) {
      jars =
          files
              .filter(p -> p.toString().endsWith(".jar"))
              .collect(java.util.stream.Collectors.toList());
    }
    assertThat(jars).hasSize(1);
    java.util.List<String> entries = new java.util.ArrayList<>();
    String service;
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(jars.get(0).toFile())) {
      jar.stream().forEach(e -> entries.add(e.getName()));
      service =
          new String(
              jar.getInputStream(
                      jar.getEntry("META-INF/services/com.hivemq.extension.sdk.api.ExtensionMain"))
                  .readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8);
    }
    assertThat(service.trim()).isEqualTo("io.mqttguard.hivemq.MqttGuardExtensionMain");
    assertThat(entries)
        .contains(
            "io/mqttguard/guard/Guard.class",
            "io/mqttguard/envelope/Sealer.class",
            "io/mqttguard/envelope/DefaultOpener.class",
            "io/mqttguard/hivemq/shaded/com/fasterxml/jackson/databind/ObjectMapper.class",
            "io/mqttguard/hivemq/shaded/org/bouncycastle/crypto/generators/Argon2BytesGenerator.class",
            "io/mqttguard/hivemq/shaded/com/github/benmanes/caffeine/cache/Caffeine.class",
            "io/mqttguard/schemas/acl-1.json");
    assertThat(entries)
        .noneMatch(e -> e.startsWith("com/hivemq/") || e.startsWith("org/slf4j/"))
        .noneMatch(e -> e.startsWith("ch/qos/logback/") || e.startsWith("com/codahale/metrics/"))
        .noneMatch(e -> e.startsWith("org/bouncycastle/") || e.startsWith("com/fasterxml/"))
        .noneMatch(e -> e.contains("META-INF/versions/") && e.contains("bouncycastle"))
        .noneMatch(e -> e.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"))
        .doesNotContain("META-INF/services/java.security.Provider");
  }
}

package io.mqttguard.it.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackagingIT {
  private GuardBroker broker;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    TestPki pki = new TestPki(tmp.resolve("pki"));
    broker = GuardBroker.start(tmp.resolve("broker"), pki, Map.of());
  }

  @AfterAll
  void stop() {
    broker.close();
  }

  @Test
  void zip_loadsAsFolderExtension() {
    assertThat(broker.logContains("Extension \"MQTT Guard\" version")).isTrue();
    assertThat(Files.exists(broker.extensionHome().resolve("DISABLED"))).isFalse();
  }
}

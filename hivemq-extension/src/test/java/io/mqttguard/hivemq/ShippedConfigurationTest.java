package io.mqttguard.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.guard.ConfigSnapshot;
import io.mqttguard.guard.Guard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration shipped in the zip is valid as is, and so are the payload examples. */
class ShippedConfigurationTest {
  private static final Path CONF = Path.of("src/main/hivemq-extension/conf");

  @Test
  void shippedConf_isValid_withoutPayloadProtection() throws Exception {
    ConfigSnapshot snapshot = Guard.check(CONF, Clock.systemUTC());
    assertThat(snapshot.files()).contains("acl.json", "users.json", "guard.json");
    assertThat(snapshot.files()).doesNotContain("keys.json", "payload.json");
  }

  @Test
  void payloadExamples_areValid_nextToTheShippedConf(@TempDir Path dir) throws Exception {
    for (String f : new String[] {"acl.json", "users.json", "guard.json"}) {
      Files.copy(CONF.resolve(f), dir.resolve(f));
    }
    for (String f : new String[] {"keys.json", "payload.json"}) {
      Files.copy(CONF.resolve("examples").resolve(f), dir.resolve(f));
    }
    ConfigSnapshot snapshot = Guard.check(dir, Clock.systemUTC());
    assertThat(snapshot.files()).contains("keys.json", "payload.json");
  }
}

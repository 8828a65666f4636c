package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.guard.ConfigSnapshot;
import io.mqttguard.guard.Guard;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples {@code serve} derives from a configuration, without a broker. */
class ServeExamplesTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void ownConfig_placeholdersForSecrets_grantsMadeConcreteWithTheCommandsIdentity()
      throws Exception {
    Path config = ServeOwnConfigTest.plantConfig(dir);

    ServeExamples x = examples(config);

    assertThat(x.works)
        .extracting(ServeExamples.Example::command)
        .containsExactly(
            "mosquitto_sub -h localhost -p 1883 -u meter-7 -P '<password of meter-7>' -i meter-7"
                + " -t 'plant/meter-7/setpoint' -v",
            "mosquitto_pub -h localhost -p 1883 -q 1 -u meter-7 -P '<password of meter-7>' -i"
                + " meter-7 -t plant/meter-7/power -m 21.5",
            "mosquitto_sub -h localhost -p 1883 -u carol -P '<password of carol>' -i carol-1 -t"
                + " 'plant/+/power' -v",
            "mosquitto_pub -h localhost -p 1883 -q 1 -u carol -P '<password of carol>' -i carol-2"
                + " -t plant/carol-2/setpoint -m 21.5");
    assertThat(x.denied)
        .extracting(ServeExamples.Example::note)
        .containsExactly(
            "not granted to carol", "subscription beyond carol's grants", "wrong password");
    assertThat(x.denied)
        .extracting(ServeExamples.Example::command)
        .allMatch(c -> c.contains(" -i carol-2 "), "not the client ID of carol's subscriber");
  }

  @Test
  void noListenerAcceptsAPassword_noExampleIsInvented() throws Exception {
    Path config = ServeOwnConfigTest.plantConfig(dir);
    Files.writeString(
        config.resolve("guard.json"),
        "{\"listeners\": {\"tcp\": {\"authentication\": \"certificate\"},"
            + " \"tls\": {\"authentication\": \"certificate\"}}}");

    ServeExamples x = examples(config);

    assertThat(x.works).isEmpty();
    assertThat(x.denied).isEmpty();
  }

  private static ServeExamples examples(Path config) throws Exception {
    Io io =
        new Io(
            InputStream.nullInputStream(),
            OutputStream.nullOutputStream(),
            new PrintWriter(Writer.nullWriter()),
            new PrintWriter(Writer.nullWriter()),
            null,
            Clock.systemUTC(),
            new SecureRandom());
    ConfigSnapshot snapshot = Guard.check(config, io.clock());
    return new ServeExamples(
            config,
            snapshot,
            new ServeAccounts(config, snapshot, io),
            new ServeExamples.Target(1883, 8883, null, true, "mqtt-guard", config),
            false,
            io)
        .derive();
  }
}

package io.mqttguard.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code seal} tool refuses the same usage and configuration errors as {@code mqtt-guard
 * seal}: exit 2, nothing on stdout, a message starting with {@code error: } on stderr
 * (/work/helpers/tool-contract.md; the drop-in contract).
 */
class SealToolContractIT {
  static Path config;
  static Path empty;

  @BeforeAll
  static void writeConfig(@TempDir Path dir) throws Exception {
    config = Files.createDirectory(dir.resolve("config"));
    empty = Files.createDirectory(dir.resolve("empty"));
    TestConfig.write(config);
  }

  static Stream<Arguments> refusals() {
    List<List<String>> cases =
        List.of(
            List.of("--frobnicate"),
            List.of("--key-id", "99"),
            List.of("--key-id", "4"),
            List.of("--hmac", "--key-id", "1"),
            List.of("--hmac", "--sign", "%s/ed25519.pem", "--key-id", "20"),
            List.of("--sign", "%s/ecdsa-p256.pem", "--key-id", "20"),
            List.of("--sign", "%s/ed25519.pem"),
            List.of("--hmac", "--client-id", "c1", "--format-version", "1"),
            List.of("--topic", "sensors/+/data"),
            List.of("--config", "%e"));
    return Implementations.selected().stream()
        .flatMap(impl -> cases.stream().map(c -> Arguments.of(impl, c)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("refusals")
  void usageOrConfigError_exits2_withAnErrorLineAndNoOutput(String impl, List<String> options)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    if (impl.equals("cli")) {
      cmd.addAll(Implementations.mqttGuard("seal"));
    } else {
      cmd.add(Implementations.executable("clients/" + impl + "/mqtt-guard-seal").toString());
    }
    if (!options.contains("--config")) {
      cmd.addAll(List.of("--config", config.toString()));
    }
    if (!options.contains("--topic")) {
      cmd.addAll(List.of("--topic", "sensors/1/data"));
    }
    for (String o : options) {
      cmd.add(o.replace("%s", config.toString()).replace("%e", empty.toString()));
    }
    Processes.Result r =
        Processes.run(cmd, "x".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(2));
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
    assertThat(r.stdout()).as(r.describe()).isEmpty();
    assertThat(r.stderr()).as(r.describe()).startsWith("error: ");
  }
}

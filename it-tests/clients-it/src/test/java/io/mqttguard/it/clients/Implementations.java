package io.mqttguard.it.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sealing implementations under test and the wire format versions, and how to run them. {@code
 * -Dclients=cli,python} and {@code -Dformats=1} restrict them while developing; the defaults are
 * all four implementations and both versions. An implementation that is selected but missing fails
 * its tests: it is never skipped. Stateless.
 */
final class Implementations {
  /** The Java CLI ({@code ./mqtt-guard seal}) and the device libraries in {@code clients/}. */
  static final List<String> ALL = List.of("cli", "c", "python", "js");

  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(3);

  private Implementations() {}

  /** The repository root (set by the pom). */
  static Path repo() {
    return Path.of(System.getProperty("mqttguard.repo", "../..")).toAbsolutePath().normalize();
  }

  /** The implementations selected by {@code -Dclients} (default: all). */
  static List<String> selected() {
    List<String> chosen = list(System.getProperty("clients", String.join(",", ALL)));
    for (String c : chosen) {
      if (!ALL.contains(c)) {
        throw new IllegalArgumentException("-Dclients: unknown implementation " + c + "; " + ALL);
      }
    }
    return chosen;
  }

  /** The selected device libraries (without the CLI). */
  static List<String> libraries() {
    return selected().stream().filter(c -> !c.equals("cli")).toList();
  }

  /** The wire format versions selected by {@code -Dformats} (default: 1,2). */
  static List<Integer> formats() {
    return list(System.getProperty("formats", "1,2")).stream().map(Integer::valueOf).toList();
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * An executable of the repository, e.g. {@code clients/python/run-tests}.
   *
   * @throws AssertionError if it is missing: a selected implementation must exist
   */
  static Path executable(String relative) {
    Path p = repo().resolve(relative);
    if (!Files.isExecutable(p)) {
      throw new AssertionError(
          p + " is missing or not executable: this implementation is untested");
    }
    return p;
  }

  /** {@code ./mqtt-guard args...}, after checking that the build made the CLI's jar. */
  static List<String> mqttGuard(String... args) {
    if (!Files.isRegularFile(repo().resolve("cli/target/mqtt-guard.jar"))) {
      throw new AssertionError("cli/target/mqtt-guard.jar is missing: build the cli module first");
    }
    List<String> cmd = new ArrayList<>(List.of(executable("mqtt-guard").toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * Seals {@code input} with {@code impl}'s {@code seal} tool ({@code ./mqtt-guard seal} or {@code
   * clients/<impl>/mqtt-guard-seal}) and the given options, in wire format {@code format}.
   */
  static Processes.Result seal(String impl, int format, List<String> options, byte[] input)
      throws IOException, InterruptedException {
    List<String> cmd =
        impl.equals("cli")
            ? mqttGuard("seal")
            : new ArrayList<>(
                List.of(executable("clients/" + impl + "/mqtt-guard-seal").toString()));
    cmd.addAll(options);
    cmd.add("--format-version=" + format);
    return Processes.run(cmd, input, TOOL_TIMEOUT);
  }

  /** {@code ./mqtt-guard open} of {@code sealed}. */
  static Processes.Result cliOpen(
      Path config, String topic, @Nullable String clientId, byte[] sealed)
      throws IOException, InterruptedException {
    List<String> cmd = mqttGuard("open", "--config", config.toString(), "--topic", topic);
    if (clientId != null) {
      cmd.addAll(List.of("--client-id", clientId));
    }
    return Processes.run(cmd, sealed, TOOL_TIMEOUT);
  }

  /** Whether topics with non-ASCII characters reach child processes intact from this JVM. */
  static boolean argumentsAreUtf8() {
    String jnu = System.getProperty("sun.jnu.encoding", "");
    return jnu.replace("-", "").equalsIgnoreCase("UTF8")
        || StandardCharsets.UTF_8.aliases().contains(jnu);
  }
}

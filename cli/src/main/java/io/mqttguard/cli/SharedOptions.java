package io.mqttguard.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The picocli options several commands share, each defined once and mixed in with {@code @Mixin}.
 * Where commands explain an option in their own words (what {@code --topic} means to {@code seal}
 * differs from {@code explain}), the text comes from {@code SharedOptions.properties} under the
 * command's qualified name ({@code mqtt-guard.seal.topic}); names, labels and defaults are the same
 * everywhere.
 */
final class SharedOptions {
  private SharedOptions() {}

  /** {@code -c/--config DIR} (required): the configuration directory. */
  static final class Config {
    @Option(
        names = {"-c", "--config"},
        required = true,
        paramLabel = "DIR",
        descriptionKey = "config")
    Path dir = Path.of(".");
  }

  /** {@code -t/--topic T} (required). */
  static final class Topic {
    @Option(
        names = {"-t", "--topic"},
        required = true,
        paramLabel = "T",
        descriptionKey = "topic")
    String topic = "";
  }

  /** {@code -i/--client-id C} (optional). */
  static final class ClientId {
    @Option(
        names = {"-i", "--client-id"},
        paramLabel = "C",
        descriptionKey = "client-id")
    @Nullable String clientId;
  }

  /** {@code -o/--out DIR} (required) and {@code --force}: where an import writes its files. */
  static final class Output {
    @Option(
        names = {"-o", "--out"},
        required = true,
        paramLabel = "DIR",
        descriptionKey = "out")
    Path dir = Path.of(".");

    @Option(names = "--force", descriptionKey = "force")
    boolean force;
  }
}

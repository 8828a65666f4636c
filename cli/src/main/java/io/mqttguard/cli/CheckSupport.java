package io.mqttguard.cli;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import java.nio.file.Path;
import java.util.List;

/** Validates a configuration directory before it is served; prints warnings. */
final class CheckSupport {
  private CheckSupport() {}

  /**
   * @return the warnings (printed to stderr)
   * @throws ConfigException with every problem if there is an error
   */
  static List<ConfigProblem> validate(Path dir, Io io) throws ConfigException {
    CheckCommand.Checked checked = CheckCommand.check(dir, io.clock());
    if (checked.hasErrors()) {
      throw new ConfigException(checked.problems());
    }
    checked.problems().forEach(io.err()::println);
    return checked.problems();
  }
}

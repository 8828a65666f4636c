package io.mqttguard.cli;

import io.mqttguard.auth.AuthSettings;
import io.mqttguard.auth.UsersConfig;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.config.JsonConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validates a configuration directory with the core; prints warnings. */
final class CheckSupport {
  private CheckSupport() {}

  /**
   * Loads every file of {@code dir} through the core.
   *
   * @return the warnings
   * @throws ConfigException with every problem
   */
  static List<ConfigProblem> validate(Path dir, Io io) throws ConfigException {
    List<ConfigProblem> warnings = new ArrayList<>();
    var acl = new JsonConfigReader().read(dir.resolve("acl.json"), "acl-1.json");
    Set<String> roles = new HashSet<>();
    acl.path("roles").fieldNames().forEachRemaining(roles::add);
    Path users = dir.resolve("users.json");
    if (Files.exists(users)) {
      warnings.addAll(UsersConfig.load(users, roles).warnings());
    }
    Path guard = dir.resolve("guard.json");
    if (Files.exists(guard)) {
      warnings.addAll(AuthSettings.load(guard, roles, io.clock()).warnings());
    }
    warnings.forEach(io.err()::println);
    return warnings;
  }
}

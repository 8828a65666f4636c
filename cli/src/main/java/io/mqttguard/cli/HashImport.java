package io.mqttguard.cli;

import io.mqttguard.auth.UsersConfig;
import io.mqttguard.cli.MigrationReport.Kind;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks imported hashes with the core's own parser, so only verifiable hashes are written. */
final class HashImport {
  private HashImport() {}

  /**
   * Whether the core accepts {@code hash} for {@code user}; otherwise reports the core's reason
   * (which never contains the hash) at {@code file:line}.
   */
  static boolean accept(String user, String hash, String file, int line, MigrationReport report) {
    PolicyBuilder.User u = new PolicyBuilder.User();
    u.password = hash;
    var doc = JsonFiles.object();
    doc.putObject("users").set(user, PolicyBuilder.userJson(u));
    try {
      var unused = UsersConfig.parse("users.json", JsonFiles.render(doc), Set.of());
      return true;
    } catch (ConfigException e) {
      String why =
          e.problems().stream()
              .filter(p -> p.severity() == ConfigProblem.Severity.ERROR)
              .map(ConfigProblem::message)
              .collect(Collectors.joining("; "));
      report.add(
          Kind.NOT_TRANSLATED,
          file,
          line,
          "user '" + user + "': password hash not imported (the user cannot log in): " + why);
      return false;
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}

package io.mqttguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttguard.auth.ListenerPolicy;
import io.mqttguard.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code check} warning the loaders do not give: a listener in {@code guard.json} that accepts
 * passwords ({@code authentication} other than {@code certificate}) with {@code
 * requireTlsForPassword: false}, so passwords may travel in plaintext. Runs on a file the loaders
 * already accepted; unreadable input yields no warning (the loaders report it). Stateless.
 */
final class PlaintextPasswordLint {
  private PlaintextPasswordLint() {}

  static List<ConfigProblem> check(Path config) {
    Path guard = config.resolve("guard.json");
    List<ConfigProblem> warnings = new ArrayList<>();
    if (!Files.isRegularFile(guard)) {
      return warnings;
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(guard.toFile());
    } catch (IOException e) {
      return warnings;
    }
    for (Map.Entry<String, JsonNode> e : root.path("listeners").properties()) {
      lint(e.getValue(), "/listeners/" + escape(e.getKey()), "listener '" + e.getKey() + "'")
          .ifPresent(warnings::add);
    }
    lint(root.path("defaultListener"), "/defaultListener", "the default listener")
        .ifPresent(warnings::add);
    return warnings;
  }

  private static java.util.Optional<ConfigProblem> lint(JsonNode n, String pointer, String what) {
    String mode = n.path("authentication").asText(ListenerPolicy.DEFAULT.mode().jsonName());
    if (!n.isObject()
        || n.path("requireTlsForPassword").asBoolean(true)
        || mode.equals("certificate")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new ConfigProblem(
            ConfigProblem.Severity.WARNING,
            "guard.json",
            pointer + "/requireTlsForPassword",
            what
                + " accepts passwords without TLS: they travel in plaintext unless that listener"
                + " itself uses TLS (set requireTlsForPassword: true, or authentication:"
                + " certificate)"));
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}

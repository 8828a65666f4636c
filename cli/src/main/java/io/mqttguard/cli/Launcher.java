package io.mqttguard.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where this checkout is: the launcher script passes it; otherwise found from the jar's place. */
final class Launcher {
  private Launcher() {}

  /** The repository root (system property {@code mqttguard.home}, else derived, else cwd). */
  static Path home() {
    String prop = System.getProperty("mqttguard.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    try {
      var source = Launcher.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        Path p = Path.of(source.getLocation().toURI()).toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
          if (Files.isRegularFile(d.resolve("mqtt-guard")) && Files.isDirectory(d.resolve("cli"))) {
            return d;
          }
        }
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      // fall through to the working directory
    }
    return Path.of("").toAbsolutePath();
  }
}

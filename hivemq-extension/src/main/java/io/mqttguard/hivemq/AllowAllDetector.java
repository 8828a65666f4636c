package io.mqttguard.hivemq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds enabled extensions in HiveMQ's extensions folder that would let clients in when we do not
 * decide (HiveMQ's allow-all extension). Pure file inspection: an extension folder with a {@code
 * hivemq-extension.xml} whose id is a known allow-all id and no {@code DISABLED} marker.
 *
 * <p>Stateless and thread-safe.
 */
final class AllowAllDetector {
  static final String ALLOW_ALL_ID = "hivemq-allow-all-extension";
  private static final Pattern ID = Pattern.compile("<id>\\s*([^<]+?)\\s*</id>");

  private AllowAllDetector() {}

  /** The folders of enabled allow-all extensions next to {@code ourHome}; empty if none. */
  static List<Path> enabledAllowAllExtensions(Path ourHome) {
    Path extensions = ourHome.toAbsolutePath().getParent();
    List<Path> found = new ArrayList<>();
    if (extensions == null || !Files.isDirectory(extensions)) {
      return found;
    }
    try (Stream<Path> dirs = Files.list(extensions)) {
      dirs.filter(Files::isDirectory)
          .filter(d -> !Files.exists(d.resolve("DISABLED")))
          .filter(d -> ALLOW_ALL_ID.equals(extensionId(d)))
          .forEach(found::add);
    } catch (IOException | RuntimeException e) {
      // inspection is best effort: the warning is advisory, our authenticator still decides
      return found;
    }
    return found;
  }

  private static String extensionId(Path dir) {
    Path xml = dir.resolve("hivemq-extension.xml");
    try {
      if (!Files.isRegularFile(xml) || Files.size(xml) > 64 * 1024) {
        return "";
      }
      Matcher m = ID.matcher(Files.readString(xml, StandardCharsets.UTF_8));
      return m.find() ? m.group(1) : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}

package io.mqttguard.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowAllDetectorTest {
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  @TempDir
  Path extensions;

  private Path extension(String folder, String id) throws Exception {
    Path dir = Files.createDirectories(extensions.resolve(folder));
    Files.writeString(
        dir.resolve("hivemq-extension.xml"),
        "<hivemq-extension>\n  <id> " + id + " </id>\n  <name>x</name>\n</hivemq-extension>\n");
    return dir;
  }

  @Test
  void enabledAllowAll_isFound_evenInARenamedFolder() throws Exception {
    Path ours = extension("mqtt-guard", "mqtt-guard");
    Path allowAll = extension("allow", AllowAllDetector.ALLOW_ALL_ID);
    assertThat(AllowAllDetector.enabledAllowAllExtensions(ours)).containsExactly(allowAll);
  }

  @Test
  void disabledAllowAll_andOtherExtensions_areIgnored() throws Exception {
    Path ours = extension("mqtt-guard", "mqtt-guard");
    Path allowAll = extension(AllowAllDetector.ALLOW_ALL_ID, AllowAllDetector.ALLOW_ALL_ID);
    Files.writeString(allowAll.resolve("DISABLED"), "");
    var unused = extension("other", "hivemq-file-rbac-extension");
    assertThat(AllowAllDetector.enabledAllowAllExtensions(ours)).isEmpty();
  }

  @Test
  void unreadableOrMissingDescriptor_isIgnored() throws Exception {
    Path ours = extension("mqtt-guard", "mqtt-guard");
    Files.createDirectories(extensions.resolve("empty"));
    Files.createDirectories(extensions.resolve("dir-as-xml").resolve("hivemq-extension.xml"));
    assertThat(AllowAllDetector.enabledAllowAllExtensions(ours)).isEmpty();
  }
}

package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command on unreadable input: one clear message, exit 2, no stack trace. */
class BadInputTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void directoryInsteadOfFile_isOneClearMessage() throws Exception {
    Path d = Files.createDirectories(dir.resolve("users.json"));

    assertOneError(Cli.runWithInput("pw\n", "passwd", "--file", d.toString(), "alice"));
    assertOneError(Cli.run("import", "mosquitto", "--acl", d.toString(), "-o", dir.toString()));
    assertOneError(Cli.run("import", "hivemq-file-rbac", "--credentials", d.toString(), "-o", "x"));
    assertOneError(Cli.run("keygen", "--file", d.toString()));
  }

  @Test
  void verbose_addsTheStackTrace() throws Exception {
    Path d = Files.createDirectories(dir.resolve("x.acl"));

    Cli.Result r =
        Cli.run("import", "mosquitto", "--acl", d.toString(), "-o", dir.toString(), "--verbose");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: cannot read ").contains("\tat ");
  }

  @Test
  void unknownOption_onEveryCommand_exits2WithHint() {
    for (String cmd : MqttGuard.commandLine(Io.system()).getSubcommands().keySet()) {
      Cli.Result r = Cli.run(cmd, "--no-such-flag");
      assertThat(r.code()).as(cmd).isEqualTo(2);
      assertThat(r.err()).as(cmd).startsWith("error: ").contains("--help");
      assertThat(r.err()).as(cmd).doesNotContain("\tat ");
    }
  }

  private static void assertOneError(Cli.Result r) {
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).as(r.toString()).startsWith("error: ");
    assertThat(r.err().lines()).as(r.toString()).hasSize(1);
  }
}

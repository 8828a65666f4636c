package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MqttGuardTest {

  @Test
  void noCommand_printsUsageAndExits2() {
    Cli.Result r = Cli.run();

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Usage: mqtt-guard").contains("passwd");
  }

  @Test
  void help_onEveryCommand_exits0() {
    for (String cmd : MqttGuard.commandLine(Io.system()).getSubcommands().keySet()) {
      Cli.Result r = Cli.run(cmd, "--help");
      assertThat(r.code()).as(cmd).isEqualTo(0);
      assertThat(r.out()).as(cmd).contains("Usage: mqtt-guard " + cmd);
    }
  }

  @Test
  void version_onTopAndSubcommand_printsProjectVersion() {
    assertThat(Cli.run("--version").out()).startsWith("mqtt-guard 0.");
    assertThat(Cli.run("passwd", "--version").out()).startsWith("mqtt-guard 0.");
  }

  @Test
  void unknownCommand_exits2WithHint() {
    Cli.Result r = Cli.run("frobnicate");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("frobnicate").contains("--help");
  }
}

package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Renders {@code --help} of every command and subcommand in a fresh JVM, the way a user runs the
 * CLI: picocli writes its {@code [picocli WARN]} lines (unescaped {@code %} in a description) to
 * the process's stderr through a tracer bound at class initialization, which an in-process test
 * cannot reliably capture once another test has loaded picocli.
 */
class UsageHelpTest {
  private static final String SEPARATOR = "\n=== ";
  private static String output = "";

  @BeforeAll
  static void renderAllInAFreshJvm() throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
            .redirectErrorStream(true)
            .start();
    byte[] bytes = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    output = new String(bytes, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
  }

  @Test
  void help_ofEveryCommandAndSubcommand_rendersWithoutPicocliWarnings() {
    assertThat(output).contains(SEPARATOR + "mqtt-guard import mosquitto\n");
    assertThat(output).contains(SEPARATOR + "mqtt-guard import hivemq-file-rbac\n");
    assertThat(output).contains(SEPARATOR + "mqtt-guard serve\n");
    assertThat(output).doesNotContain("picocli WARN").doesNotContain("Could not format");
    assertThat(output)
        .contains("exit 0, stderr empty")
        .doesNotContain("exit 1")
        .doesNotContain("exit 2");
  }

  @Test
  void help_printsPercentAndDollarBraceLiterally_withoutVariableLookup() {
    assertThat(output.replaceAll("\\s+", "")) // help wraps lines, also at '/'
        .contains("(%c/%u->${client.id}/${user.name})")
        .contains("${{clientid}}/${{username}}->${client.id}/${user.name}");
    // an unresolved ${...} lookup renders as "null"; a resolved ${user.name} as the login name
    assertThat(output).doesNotContainPattern("\\bnull\\b");
  }

  @Test
  void everyOptionOfEveryCommand_hasADescription_includingTheSharedMixins() {
    List<String> undescribed = new ArrayList<>();
    undescribedOptions(MqttGuard.commandLine(Io.system()), undescribed);
    assertThat(undescribed).isEmpty();
  }

  private static void undescribedOptions(CommandLine cmd, List<String> out) {
    for (CommandLine.Model.OptionSpec o : cmd.getCommandSpec().options()) {
      if (String.join("", o.description()).isBlank()) {
        out.add(cmd.getCommandSpec().qualifiedName() + " " + o.longestName());
      }
    }
    cmd.getSubcommands().values().forEach(sub -> undescribedOptions(sub, out));
  }

  /** Runs in the child JVM: captures System.err before picocli is loaded, then renders all. */
  static final class Probe {
    private Probe() {}

    public static void main(String[] args) {
      PrintStream realOut = System.out;
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      List<List<String>> paths = new ArrayList<>();
      collect(MqttGuard.commandLine(Io.system()), new ArrayList<>(), paths);
      for (List<String> path : paths) {
        List<String> argv = new ArrayList<>(path.subList(1, path.size()));
        argv.add("--help");
        stderr.reset();
        Cli.Result r = Cli.run(argv.toArray(new String[0]));
        realOut.print(SEPARATOR + String.join(" ", path) + "\n" + r.out());
        String err = r.err() + stderr.toString(StandardCharsets.UTF_8);
        realOut.println(
            "exit " + r.code() + (err.isEmpty() ? ", stderr empty" : ", stderr:\n" + err));
      }
      realOut.flush();
    }

    private static void collect(CommandLine cl, List<String> parent, List<List<String>> out) {
      List<String> path = new ArrayList<>(parent);
      path.add(cl.getCommandName());
      out.add(path);
      cl.getSubcommands().values().forEach(sub -> collect(sub, path, out));
    }
  }
}

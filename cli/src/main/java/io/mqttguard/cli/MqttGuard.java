package io.mqttguard.cli;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code mqtt-guard} top command. Exit codes: {@value ExitCodes#OK} ok, {@value
 * ExitCodes#FAILED} a check failed, {@value ExitCodes#USAGE} usage or configuration error. Errors
 * are one clear message on stderr; stack traces only with {@code --verbose}.
 */
@Command(
    name = "mqtt-guard",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    usageHelpAutoWidth = true,
    sortOptions = false,
    description = "Security suite for MQTT brokers: users, topic ACLs and payload protection.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:a check failed (test cases, configuration errors, a denied decision)",
      "2:usage or input error (wrong flags, missing files, broken JSON)"
    },
    subcommands = {
      ServeCommand.class,
      CheckCommand.class,
      ExplainCommand.class,
      TestCommand.class,
      PasswdCommand.class,
      KeygenCommand.class,
      SealCommand.class,
      OpenCommand.class,
      ImportCommand.class
    })
public final class MqttGuard implements Callable<Integer> {

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors (for bug reports).")
  boolean verbose;

  MqttGuard() {}

  /** Runs the CLI with the process's streams and exits with the command's exit code. */
  public static void main(String[] args) {
    System.exit(run(Io.system(), args));
  }

  /**
   * Runs one command line.
   *
   * @return the exit code
   */
  public static int run(Io io, String... args) {
    CommandLine cli = commandLine(io);
    int code = cli.execute(args);
    io.out().flush();
    io.err().flush();
    return code;
  }

  static CommandLine commandLine(Io io) {
    CommandLine cli = new CommandLine(new MqttGuard(), new Factory(io));
    cli.setOut(io.out());
    cli.setErr(io.err());
    cli.setExecutionExceptionHandler(MqttGuard::onException);
    cli.setParameterExceptionHandler(MqttGuard::onBadUsage);
    return cli;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  private static int onBadUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + e.getMessage());
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    return ExitCodes.USAGE;
  }

  private static int onException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof ConfigException ce) {
      for (ConfigProblem p : ce.problems()) {
        err.println(p.severity() == ConfigProblem.Severity.ERROR ? "error: " + p : p.toString());
      }
    } else if (e instanceof CliException) {
      err.println("error: " + e.getMessage());
    } else {
      err.println(
          "error: internal error: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + (isVerbose(parsed) ? "" : " (rerun with --verbose for details)"));
    }
    if (isVerbose(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.USAGE;
  }

  private static boolean isVerbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** Creates commands that take an {@link Io} in their constructor; picocli's default otherwise. */
  private record Factory(Io io) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Io.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(io));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}

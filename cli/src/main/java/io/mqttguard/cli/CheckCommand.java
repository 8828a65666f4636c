package io.mqttguard.cli;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.guard.ConfigSnapshot;
import io.mqttguard.guard.Guard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mqtt-guard check}: validates a configuration directory exactly as the broker loads it. */
@Command(
    resourceBundle = "io.mqttguard.cli.SharedOptions",
    name = "check",
    description = {
      "Validate a configuration directory (acl.json, users.json, guard.json, keys.json,"
          + " payload.json) exactly as the broker loads it.",
      "Prints every error and warning as 'file: /json/pointer: message' and ends with"
          + " 'N errors, M warnings'. Exit 0 without errors, 1 with errors."
    })
final class CheckCommand implements Callable<Integer> {
  private final Io io;

  @Mixin SharedOptions.Config config = new SharedOptions.Config();

  CheckCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (!Files.isDirectory(config.dir)) {
      throw new CliException("configuration directory not found: " + config.dir);
    }
    Checked checked = check(config.dir, io.clock());
    List<ConfigProblem> problems = checked.problems();
    String loaded = checked.loaded();
    long errors =
        problems.stream().filter(p -> p.severity() == ConfigProblem.Severity.ERROR).count();
    for (ConfigProblem p : problems) {
      io.out().println(p.severity() == ConfigProblem.Severity.ERROR ? "error: " + p : p);
    }
    io.out().println(loaded + errors + " errors, " + (problems.size() - errors) + " warnings");
    return errors == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** The problems of every file and the files that were loaded ("" if there were errors). */
  record Checked(List<ConfigProblem> problems, String loaded) {
    boolean hasErrors() {
      return problems.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
    }
  }

  /**
   * Loads {@code config} through the facade, exactly as a broker loads it, then adds the lints
   * (client-ID binding gaps, plaintext passwords) if it loaded; collects all problems.
   */
  static Checked check(Path config, java.time.Clock clock) {
    Set<ConfigProblem> found = new LinkedHashSet<>();
    String loaded = "";
    try {
      ConfigSnapshot snapshot = Guard.check(config, clock);
      found.addAll(snapshot.warnings());
      found.addAll(snapshot.auth().users().clientIdBindingWarnings("users.json"));
      loaded = "checked " + String.join(", ", new TreeSet<>(snapshot.files())) + ": ";
    } catch (ConfigException e) {
      found.addAll(e.problems());
    }
    if (found.stream().noneMatch(p -> p.severity() == ConfigProblem.Severity.ERROR)) {
      found.addAll(PlaintextPasswordLint.check(config));
    }
    List<ConfigProblem> problems = new ArrayList<>(found);
    problems.sort(
        java.util.Comparator.comparing((ConfigProblem p) -> p.severity())
            .thenComparing(ConfigProblem::file));
    if (problems.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR)) {
      loaded = "";
    }
    return new Checked(problems, loaded);
  }
}

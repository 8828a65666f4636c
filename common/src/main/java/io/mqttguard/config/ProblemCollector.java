package io.mqttguard.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one file while a loader maps it to typed records. Not thread-safe: one
 * collector per load.
 */
public final class ProblemCollector {
  private final String file;
  private final List<ConfigProblem> problems = new ArrayList<>();

  public ProblemCollector(String file) {
    this.file = file;
  }

  /** The file name used in every problem. */
  public String file() {
    return file;
  }

  /** Records an error at {@code pointer}. */
  public void error(String pointer, String message) {
    problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file, pointer, message));
  }

  /** Records a warning at {@code pointer}. */
  public void warn(String pointer, String message) {
    problems.add(new ConfigProblem(ConfigProblem.Severity.WARNING, file, pointer, message));
  }

  /** Adds problems found elsewhere (e.g. by schema validation). */
  public void addAll(List<ConfigProblem> more) {
    problems.addAll(more);
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
  }

  /** Warnings collected so far, in order. */
  public List<ConfigProblem> warnings() {
    return problems.stream().filter(p -> p.severity() == ConfigProblem.Severity.WARNING).toList();
  }

  /**
   * @throws ConfigException with every problem if any error was recorded
   */
  public void throwIfErrors() throws ConfigException {
    if (hasErrors()) {
      List<ConfigProblem> sorted = new ArrayList<>(problems);
      sorted.sort((a, b) -> a.severity().compareTo(b.severity()));
      throw new ConfigException(sorted);
    }
  }
}

package io.mqttguard.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file (or set of files) was rejected. Carries every problem found, not only the
 * first, so the operator can fix them all in one pass. Messages never contain secret values.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<ConfigProblem> problems;

  /**
   * @param problems at least one problem; warnings may be included for context
   */
  public ConfigException(List<ConfigProblem> problems) {
    super(render(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Convenience for a single error. */
  public static ConfigException of(String file, String pointer, String message) {
    return new ConfigException(
        List.of(new ConfigProblem(ConfigProblem.Severity.ERROR, file, pointer, message)));
  }

  /** All problems, errors first in the order they were found. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  /**
   * One problem: that problem ({@code file: /pointer: message}), one line. Several: {@code N
   * configuration error(s):} and one indented line per problem.
   */
  private static String render(List<ConfigProblem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    long errors =
        problems.stream().filter(p -> p.severity() == ConfigProblem.Severity.ERROR).count();
    return errors
        + " configuration error(s):\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}

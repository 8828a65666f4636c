package io.mqttguard.config;

import static java.util.Objects.requireNonNull;

/**
 * One problem found in a configuration file.
 *
 * @param severity whether the problem prevents the file from loading
 * @param file the file name as the operator knows it (e.g. {@code acl.json})
 * @param pointer the RFC 6901 JSON pointer of the offending value ({@code ""} for the whole file)
 * @param message what was expected and what was found; never contains secret values
 */
public record ConfigProblem(Severity severity, String file, String pointer, String message) {

  /** Whether a problem prevents loading. */
  public enum Severity {
    /** The file is rejected. */
    ERROR,
    /** The file loads, but the operator should act (e.g. weak hash parameters). */
    WARNING
  }

  public ConfigProblem {
    requireNonNull(severity, "severity");
    requireNonNull(file, "file");
    requireNonNull(pointer, "pointer");
    requireNonNull(message, "message");
  }

  /** Renders as {@code file: /json/pointer: message}, the format operators grep for. */
  @Override
  public String toString() {
    String where = pointer.isEmpty() ? "(document)" : pointer;
    String prefix = severity == Severity.WARNING ? "warning: " : "";
    return prefix + file + ": " + where + ": " + message;
  }
}

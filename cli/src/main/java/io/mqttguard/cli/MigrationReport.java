package io.mqttguard.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an import could not carry over unchanged. Every finding names the source file and the exact
 * lines. Not thread-safe (one per import).
 */
final class MigrationReport {

  /** How a source construct was handled. */
  enum Kind {
    /** Translated, but the rule means something different here; review it. */
    DIFFERS("differs"),
    /** Left out (the stricter choice: nothing is granted for it); must be handled by hand. */
    NOT_TRANSLATED("not translated"),
    /** Translated exactly; worth knowing. */
    NOTE("note");

    private final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** One finding; {@code lines} may be empty when it concerns the whole file. */
  record Finding(Kind kind, String file, List<Integer> lines, String message) {
    Finding {
      lines = List.copyOf(lines);
    }

    @Override
    public String toString() {
      String where =
          lines.isEmpty()
              ? file
              : file + ":" + lines.stream().map(String::valueOf).collect(Collectors.joining(","));
      return where + ": " + kind.label + ": " + message;
    }
  }

  private final List<Finding> findings = new ArrayList<>();

  void add(Kind kind, String file, List<Integer> lines, String message) {
    findings.add(new Finding(kind, file, lines, message));
  }

  void add(Kind kind, String file, int line, String message) {
    add(kind, file, line > 0 ? List.of(line) : List.of(), message);
  }

  List<Finding> findings() {
    return List.copyOf(findings);
  }

  long count(Kind kind) {
    return findings.stream().filter(f -> f.kind() == kind).count();
  }

  void print(PrintWriter out) {
    for (Kind kind : Kind.values()) {
      findings.stream().filter(f -> f.kind() == kind).forEach(out::println);
    }
  }
}

package io.mqttguard.acl;

import io.mqttguard.config.ProblemCollector;
import io.mqttguard.identity.CertificateFields;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.topic.InvalidTopicException;
import io.mqttguard.topic.TopicFilter;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A rule topic as written in {@code acl.json}: a topic filter whose levels may be substitutions
 * such as {@code ${client.id}}. Parsed and validated once at load; {@link #resolve} applies an
 * identity at CONNECT. Immutable.
 */
final class TopicTemplate {
  static final Set<String> NAMES = Set.of("client.id", "user.name", "cert.cn");

  /** Rule topics deeper than this are rejected (they also bound the tries' recursion depth). */
  static final int MAX_LEVELS = 256;

  private static final Pattern WHOLE = Pattern.compile("\\$\\{([^}]*)\\}");
  private static final Pattern ATTR = Pattern.compile("attr\\.([A-Za-z0-9_.-]{1,64})");

  private final String text;
  private final String[] levels;
  private final @Nullable String[] variables;

  private TopicTemplate(String text, String[] levels, @Nullable String[] variables) {
    this.text = text;
    this.levels = levels;
    this.variables = variables;
  }

  /** Parses {@code text}, reporting problems at {@code pointer}; {@code null} if invalid. */
  static @Nullable TopicTemplate parse(String text, ProblemCollector problems, String pointer) {
    String[] levels = text.split("/", -1);
    @Nullable String[] variables = new String[levels.length];
    String[] probe = levels.clone();
    boolean ok = true;
    for (int i = 0; i < levels.length; i++) {
      if (!levels[i].contains("${")) {
        continue;
      }
      String problem = substitutionProblem(levels[i], i, text);
      if (problem != null) {
        problems.error(pointer, problem);
        ok = false;
      } else {
        variables[i] = levels[i].substring(2, levels[i].length() - 1);
        probe[i] = "x";
      }
    }
    String problem = filterProblem(text, String.join("/", probe));
    if (problem != null) {
      problems.error(pointer, problem);
      ok = false;
    }
    return ok ? new TopicTemplate(text, levels, variables) : null;
  }

  private static @Nullable String substitutionProblem(String level, int index, String text) {
    Matcher m = WHOLE.matcher(level);
    if (!m.matches()) {
      return "a substitution must be a whole level (like 'a/${client.id}/b'), but level "
          + (index + 1)
          + " of '"
          + abbreviate(text)
          + "' is '"
          + abbreviate(level)
          + "'";
    }
    String name = m.group(1);
    if (!NAMES.contains(name) && !ATTR.matcher(name).matches()) {
      return "unknown substitution '${"
          + abbreviate(name)
          + "}'; expected one of ${client.id}, ${user.name}, ${cert.cn}, ${attr.NAME}";
    }
    return null;
  }

  private static @Nullable String filterProblem(String text, String probe) {
    InvalidTopicException.Reason reason = TopicFilter.problem(probe);
    if (reason != null) {
      return "topic filter " + reason.rule() + ", but was '" + abbreviate(text) + "'";
    }
    if (text.startsWith("$share/") || text.equals("$share")) {
      return "rule topics name the inner filter of shared subscriptions; use 'shareGroups'"
          + " instead of '"
          + abbreviate(text)
          + "'";
    }
    if (text.split("/", -1).length > MAX_LEVELS) {
      return "a rule topic must have at most " + MAX_LEVELS + " levels";
    }
    return null;
  }

  /** At most 100 characters of {@code s}, with U+0000 made visible, for error messages. */
  static String abbreviate(String s) {
    String shown = s.length() > 100 ? s.substring(0, 100) + "..." : s;
    return shown.replace("\u0000", "\\u0000");
  }

  /** The topic as written in the file. */
  String text() {
    return text;
  }

  /** The levels of a template without substitutions. */
  String[] literalLevels() {
    return levels.clone();
  }

  /**
   * The levels of a topic without substitutions, not copied (for the shared tries, which keep them
   * for the publish grants): callers must not modify the array.
   */
  String[] sharedLevels() {
    return levels;
  }

  boolean hasSubstitutions() {
    for (String v : variables) {
      if (v != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The resolved filter levels for {@code identity}, or a {@link Resolution} naming the
   * substitution that could not be used. For a deny rule ({@code widenOnFailure}), the filter is
   * cut at the first unusable value and ends in {@code #} there, so that a hostile value can never
   * remove or narrow a deny.
   */
  Resolution resolve(ClientIdentity identity, boolean widenOnFailure) {
    String[] out = levels.clone();
    for (int i = 0; i < levels.length; i++) {
      String name = variables[i];
      if (name == null) {
        continue;
      }
      String value = value(name, identity);
      String problem = unusable(value, i == 0 && !widenOnFailure);
      if (problem == null) {
        out[i] = value;
      } else if (widenOnFailure) {
        String[] cut = java.util.Arrays.copyOf(out, i + 1);
        cut[i] = "#";
        return new Resolution(
            cut,
            "${" + name + "} " + problem + "; deny widened to '" + String.join("/", cut) + "'");
      } else {
        return new Resolution(null, "${" + name + "} " + problem + "; rule not applied");
      }
    }
    return new Resolution(out, null);
  }

  /** Levels after substitution ({@code null} if the rule does not apply), and a note. */
  static final class Resolution {
    private final String @Nullable [] levels;
    private final @Nullable String note;

    Resolution(String @Nullable [] levels, @Nullable String note) {
      this.levels = levels;
      this.note = note;
    }

    String @Nullable [] levels() {
      return levels;
    }

    @Nullable String note() {
      return note;
    }
  }

  private static @Nullable String value(String name, ClientIdentity identity) {
    switch (name) {
      case "client.id":
        return identity.clientId();
      case "user.name":
        return identity.username();
      case "cert.cn":
        CertificateFields cert = identity.certificate();
        return cert == null ? null : cert.commonName();
      default:
        return identity.attributes().get(name.substring("attr.".length()));
    }
  }

  /** Why {@code value} cannot stand for a level, or {@code null} if it can. */
  static @Nullable String unusable(@Nullable String value, boolean firstLevel) {
    if (value == null) {
      return "has no value for this client";
    }
    if (value.isEmpty()) {
      return "is empty";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/' || c == '+' || c == '#') {
        return "contains '" + c + "'";
      }
      if (c == '\u0000') {
        return "contains U+0000";
      }
    }
    InvalidTopicException.Reason reason = TopicFilter.problem(value);
    if (reason != null) {
      return "is not valid in a topic (" + reason.rule() + ")";
    }
    if (firstLevel && value.charAt(0) == '$') {
      return "starts with '$' in the first level (would reach $-topics)";
    }
    return null;
  }
}

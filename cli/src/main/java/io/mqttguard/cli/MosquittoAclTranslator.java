package io.mqttguard.cli;

import io.mqttguard.cli.MigrationReport.Kind;
import io.mqttguard.cli.PolicyBuilder.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Translates a mosquitto {@code acl_file}. Lines {@code topic [read|write|readwrite|deny] T} before
 * any {@code user} line apply to anonymous clients (role {@code anonymous}), after {@code user U}
 * to that user (role {@code user.U}); {@code pattern} lines apply to every client (role {@code
 * patterns}) with {@code %c}/{@code %u} becoming {@code ${client.id}}/{@code ${user.name}}.
 *
 * <p>Access: {@code read} → subscribe + receive, {@code write} → publish, {@code readwrite} → all
 * three, {@code deny} → a deny rule for all three. Differences in meaning are reported per line.
 */
final class MosquittoAclTranslator {
  static final String ANONYMOUS = "mosquitto anonymous clients";
  static final String PATTERNS = "mosquitto patterns";

  private final String file;
  private final PolicyBuilder policy;
  private final MigrationReport report;
  private final List<Integer> readLines = new ArrayList<>();
  private final List<Integer> patternDenyLines = new ArrayList<>();
  private final List<Integer> userLines = new ArrayList<>();

  MosquittoAclTranslator(String file, PolicyBuilder policy, MigrationReport report) {
    this.file = file;
    this.policy = policy;
    this.report = report;
  }

  /** Translates the whole file content. */
  void translate(String content) {
    String currentRole = null;
    String[] lines = content.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int n = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String keyword = firstWord(line);
      String rest = line.substring(keyword.length()).strip();
      switch (keyword) {
        case "user":
          if (rest.isEmpty()) {
            report.add(Kind.NOT_TRANSLATED, file, n, "'user' without a username");
            currentRole = null;
          } else {
            currentRole =
                policy.role("user." + rest, "user." + rest, "mosquitto acl_file user " + rest);
            policy.user(rest).roles.add(currentRole);
          }
          break;
        case "topic":
          String role = currentRole;
          if (role == null) {
            role =
                policy.role(
                    ANONYMOUS, "anonymous", "mosquitto acl_file lines before the first 'user'");
            policy.grantAnonymous(role);
          } else {
            userLines.add(n);
          }
          rule(role, rest, n, false);
          break;
        case "pattern":
          String patterns = policy.role(PATTERNS, "patterns", "mosquitto acl_file 'pattern' lines");
          rule(patterns, rest, n, true);
          break;
        default:
          report.add(
              Kind.NOT_TRANSLATED,
              file,
              n,
              "unknown line '" + abbreviate(line) + "' (mosquitto refuses to start with it)");
      }
    }
    summarize();
  }

  private void rule(String role, String spec, int line, boolean pattern) {
    String access = "readwrite";
    String topic = spec;
    String first = firstWord(spec);
    if (List.of("read", "write", "readwrite", "deny").contains(first.toLowerCase(Locale.ROOT))
        && spec.length() > first.length()) {
      access = first.toLowerCase(Locale.ROOT);
      topic = spec.substring(first.length()).strip();
    }
    if (topic.isEmpty()) {
      report.add(Kind.NOT_TRANSLATED, file, line, "rule without a topic");
      return;
    }
    if (topic.startsWith("$share")) {
      report.add(Kind.NOT_TRANSLATED, file, line, sharedTopicLeftOut(topic));
      return;
    }
    String translated = pattern ? substitute(topic, line) : literal(topic, line);
    if (translated == null) {
      if (access.equals("deny")) {
        report.add(
            Kind.NOT_TRANSLATED,
            file,
            line,
            "this DENY is missing from the import, so the imported policy grants more than the"
                + " original until you add an equivalent deny by hand");
      }
      return;
    }
    String source = file + ":" + line;
    switch (access) {
      case "read" -> {
        readLines.add(line);
        policy.addRule(
            role,
            Rule.of(
                true, List.of(PolicyBuilder.SUBSCRIBE, PolicyBuilder.RECEIVE), translated, source));
      }
      case "write" ->
          policy.addRule(role, Rule.of(true, List.of(PolicyBuilder.PUBLISH), translated, source));
      case "deny" -> {
        if (pattern) {
          patternDenyLines.add(line);
        }
        policy.addRule(role, Rule.of(false, allActions(), translated, source));
      }
      default -> {
        readLines.add(line);
        policy.addRule(role, Rule.of(true, allActions(), translated, source));
      }
    }
  }

  /**
   * Why a {@code $share...} line is left out: in mosquitto it grants and denies nothing (checked
   * with mosquitto 2.0.11), so leaving it out is exact; a translation would grant more.
   */
  private static String sharedTopicLeftOut(String topic) {
    return "topic '"
        + abbreviate(topic)
        + "': left out; it had no effect in mosquitto, which never checks a SUBSCRIBE against"
        + " acl_file, refuses every PUBLISH to a '$share' topic, and checks each delivered"
        + " message against its own topic (never '$share...'). Here '$share/<group>/<filter>'"
        + " is allowed where a rule allows subscribing to <filter>; to restrict a filter to share"
        + " groups, add 'shareGroups' to its rule by hand";
  }

  private static List<String> allActions() {
    return List.of(PolicyBuilder.PUBLISH, PolicyBuilder.SUBSCRIBE, PolicyBuilder.RECEIVE);
  }

  private @Nullable String substitute(String topic, int line) {
    return checked(ImportedTopic.translate(topic, "%c", "%u"), topic, line);
  }

  private @Nullable String literal(String topic, int line) {
    return checked(ImportedTopic.literal(topic), topic, line);
  }

  private @Nullable String checked(ImportedTopic t, String original, int line) {
    if (t.problem() != null) {
      report.add(
          Kind.NOT_TRANSLATED, file, line, "topic '" + abbreviate(original) + "': " + t.problem());
    }
    return t.topic();
  }

  private void summarize() {
    if (!readLines.isEmpty()) {
      report.add(
          Kind.DIFFERS,
          file,
          readLines,
          "read access now also checks SUBSCRIBE: mosquitto never checks subscriptions against"
              + " acl_file (a client could subscribe to any filter, e.g. '#', and only received"
              + " messages were filtered); here a subscription outside these topics is refused");
    }
    if (!patternDenyLines.isEmpty() && !userLines.isEmpty()) {
      report.add(
          Kind.DIFFERS,
          file,
          patternDenyLines,
          "pattern deny now also overrides users' own topic grants: mosquitto checks a user's"
              + " 'topic' lines before the patterns, here an explicit deny wins over every allow");
    }
  }

  private static String firstWord(String s) {
    int space = 0;
    while (space < s.length() && !Character.isWhitespace(s.charAt(space))) {
      space++;
    }
    return s.substring(0, space);
  }

  static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}

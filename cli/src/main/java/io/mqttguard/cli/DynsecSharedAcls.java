package io.mqttguard.cli;

import io.mqttguard.cli.MigrationReport.Kind;
import io.mqttguard.cli.PolicyBuilder.Rule;
import io.mqttguard.topic.TopicFilter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Translates dynsec subscribe ACLs whose topic is a shared subscription {@code $share/G/F}. dynsec
 * matches them against the whole SUBSCRIBE string; here shared subscriptions are authorized on the
 * inner filter F, restricted to groups by {@code shareGroups}. One group: exact ({@code
 * shareGroups: [G]}). Any group: an allow is left out (a rule without {@code shareGroups} would
 * also allow plain subscriptions), a deny becomes a wider deny of F (stricter, reported). Not
 * thread-safe.
 */
final class DynsecSharedAcls {
  /** The rule that was added: its translated filter and share group ({@code null}: all). */
  record Added(String filter, @Nullable String group) {}

  private final String file;
  private final PolicyBuilder policy;
  private final MigrationReport report;

  DynsecSharedAcls(String file, PolicyBuilder policy, MigrationReport report) {
    this.file = file;
    this.policy = policy;
    this.report = report;
  }

  /** Adds the translation of one shared ACL to {@code role}; {@code null} if it is left out. */
  @Nullable Added translate(
      String role, String type, String topic, SharedAclTopic shared, boolean allow, int line) {
    String quoted = type + " '" + ImportedTopic.abbreviate(topic) + "'";
    String filter = shared.filter();
    if (shared.kind() == SharedAclTopic.Kind.MATCHES_NOTHING || filter == null) {
      report.add(
          Kind.NOT_TRANSLATED,
          file,
          line,
          quoted
              + ": left out; it had no effect: no valid shared subscription matches it (mosquitto"
              + " refuses a '$share' SUBSCRIBE without share name and filter, or with '+' or '#'"
              + " in the share name)");
      return null;
    }
    ImportedTopic t = ImportedTopic.translate(filter, "%c", "%u");
    String translated = t.topic();
    if (translated == null) {
      report.add(
          Kind.NOT_TRANSLATED,
          file,
          line,
          quoted
              + ": "
              + t.problem()
              + (allow
                  ? ""
                  : "; this DENY is missing, so the import grants more than the original"));
      return null;
    }
    String group = shared.group();
    return group == null
        ? anyGroup(role, quoted, translated, allow, line)
        : oneGroup(role, type, quoted, translated, group, allow, line);
  }

  private Added oneGroup(
      String role,
      String type,
      String quoted,
      String filter,
      String group,
      boolean allow,
      int line) {
    if (type.equals("subscribeLiteral")
        && TopicFilter.of(filter.replace("${client.id}", "c").replace("${user.name}", "u"))
            .hasWildcard()) {
      report.add(
          Kind.DIFFERS,
          file,
          line,
          quoted
              + " matched only that exact subscription string; here it "
              + (allow ? "also allows" : "also denies")
              + " every narrower shared subscription in group '"
              + group
              + "'");
    }
    policy.addRule(
        role,
        new Rule(
            allow,
            List.of(PolicyBuilder.SUBSCRIBE),
            List.of(filter),
            null,
            null,
            List.of(group),
            file + ":" + line));
    return new Added(filter, group);
  }

  private @Nullable Added anyGroup(
      String role, String quoted, String filter, boolean allow, int line) {
    if (allow) {
      report.add(
          Kind.NOT_TRANSLATED,
          file,
          line,
          quoted
              + ": left out: shared subscriptions in any group cannot be expressed (a subscribe"
              + " rule without 'shareGroups' would also allow plain subscriptions, which dynsec"
              + " checked separately); add a subscribe rule for '"
              + filter
              + "' that lists the groups in 'shareGroups' by hand");
      return null;
    }
    policy.addRule(
        role, Rule.of(false, List.of(PolicyBuilder.SUBSCRIBE), filter, file + ":" + line));
    report.add(
        Kind.DIFFERS,
        file,
        line,
        quoted
            + " (shared subscriptions in any group) became a deny of subscribe '"
            + filter
            + "' for plain and shared subscriptions alike, which also stops the delivery of"
            + " matching messages: stricter than the original; to deny only shared"
            + " subscriptions, replace it by hand with a deny that lists the groups in"
            + " 'shareGroups'");
    return new Added(filter, null);
  }
}

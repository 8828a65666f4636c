package io.mqttguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.cli.MigrationReport.Kind;
import io.mqttguard.cli.PolicyBuilder.Rule;
import io.mqttguard.topic.TopicFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Translates the ACLs of dynsec roles into rules and reports where the semantics differ: dynsec
 * decides by the first matching ACL in priority order, here a deny wins over every allow. One
 * instance per imported file; not thread-safe.
 */
final class DynsecAcls {
  private final String file;
  private final JsonLines json;
  private final PolicyBuilder policy;
  private final MigrationReport report;
  private final List<Integer> plainSubscribeAllows = new ArrayList<>();

  /** One translated ACL in dynsec evaluation order. */
  record Acl(
      String action,
      String topic,
      @Nullable String shareGroup,
      boolean allow,
      int priority,
      int line) {}

  DynsecAcls(String file, JsonLines json, PolicyBuilder policy, MigrationReport report) {
    this.file = file;
    this.json = json;
    this.policy = policy;
    this.report = report;
  }

  /**
   * Translates the ACL at {@code pointer} into a rule of {@code role}; reports what differs.
   *
   * @return the ACL in dynsec terms for the priority report, or {@code null} if it was left out
   */
  @Nullable Acl translate(String role, JsonNode acl, String pointer) {
    int line = json.line(pointer + "/acltype");
    String type = acl.path("acltype").asText("");
    String topic = acl.path("topic").asText("");
    boolean allow = acl.path("allow").asBoolean(false);
    int priority = acl.path("priority").asInt(0);
    String action =
        switch (type) {
          case "publishClientSend" -> PolicyBuilder.PUBLISH;
          case "publishClientReceive" -> PolicyBuilder.RECEIVE;
          case "subscribeLiteral", "subscribePattern" -> PolicyBuilder.SUBSCRIBE;
          case "unsubscribeLiteral", "unsubscribePattern" -> "unsubscribe";
          default -> "";
        };
    if (action.isEmpty()) {
      report.add(Kind.NOT_TRANSLATED, file, line, "unknown acltype '" + type + "'");
      return null;
    }
    if (action.equals("unsubscribe")) {
      report.add(
          allow ? Kind.NOTE : Kind.DIFFERS,
          file,
          line,
          type + " is not checked here: clients may always unsubscribe");
      return null;
    }
    if (topic.startsWith("$share")) {
      if (!action.equals(PolicyBuilder.SUBSCRIBE)) {
        report.add(
            Kind.NOT_TRANSLATED,
            file,
            line,
            type
                + " '"
                + ImportedTopic.abbreviate(topic)
                + "': left out; it had no effect: mosquitto refuses every PUBLISH to a '$share'"
                + " topic before it checks ACLs, so no message has such a topic");
        return null;
      }
      SharedAclTopic shared = SharedAclTopic.parse(topic, type.equals("subscribeLiteral"));
      if (shared.kind() != SharedAclTopic.Kind.NOT_SHARED) {
        var added =
            new DynsecSharedAcls(file, policy, report)
                .translate(role, type, topic, shared, allow, line);
        return added == null
            ? null
            : new Acl(action, added.filter(), added.group(), allow, priority, line);
      }
    }
    ImportedTopic t = ImportedTopic.translate(topic, "%c", "%u");
    String translated = t.topic();
    if (translated == null) {
      report.add(
          Kind.NOT_TRANSLATED,
          file,
          line,
          "topic '"
              + ImportedTopic.abbreviate(topic)
              + "': "
              + t.problem()
              + (allow
                  ? ""
                  : "; this DENY is missing, so the import grants more than the original"));
      return null;
    }
    if (type.equals("subscribeLiteral") && TopicFilter.of(literalProbe(translated)).hasWildcard()) {
      report.add(
          Kind.DIFFERS,
          file,
          line,
          "subscribeLiteral '"
              + topic
              + "' matched only that exact subscription string; here it "
              + (allow ? "also allows" : "also denies")
              + " every narrower subscription it contains");
    }
    policy.addRule(role, Rule.of(allow, List.of(action), translated, file + ":" + line));
    if (allow && action.equals(PolicyBuilder.SUBSCRIBE) && !translated.matches("[+#](/.*)?")) {
      plainSubscribeAllows.add(line);
    }
    return new Acl(action, translated, null, allow, priority, line);
  }

  /** Reports each allow that dynsec evaluates before an overlapping deny of the same action. */
  void reportPriorities(List<Acl> order, String who) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < order.size(); i++) {
      Acl a = order.get(i);
      for (int j = i + 1; j < order.size() && a.allow(); j++) {
        Acl d = order.get(j);
        if (!d.allow()
            && d.action().equals(a.action())
            && Objects.equals(d.shareGroup(), a.shareGroup())
            && overlap(a.topic(), d.topic())
            && seen.add(a.line() + ":" + d.line())) {
          report.add(
              Kind.DIFFERS,
              file,
              List.of(a.line(), d.line()),
              "for "
                  + who
                  + ", dynsec checks the allow on line "
                  + a.line()
                  + " ('"
                  + a.topic()
                  + "') before the deny on line "
                  + d.line()
                  + " ('"
                  + d.topic()
                  + "'), so topics in both were allowed (first match by priority); here the deny"
                  + " wins");
        }
      }
    }
  }

  /**
   * Reports the plain subscribe allows: dynsec did not apply them to shared subscriptions, here
   * they do.
   */
  void reportPlainSubscribeAllows() {
    if (!plainSubscribeAllows.isEmpty()) {
      report.add(
          Kind.DIFFERS,
          file,
          plainSubscribeAllows,
          "dynsec matches subscribe ACLs against the whole SUBSCRIBE string, so these allows did"
              + " not cover shared subscriptions ('$share/<group>/<filter>'); here a subscribe"
              + " rule without 'shareGroups' also allows shared subscriptions to its filter in"
              + " any group (add a deny with 'shareGroups' for groups that must stay closed)");
    }
  }

  private static boolean overlap(String a, String b) {
    return TopicFilter.of(literalProbe(a)).intersects(TopicFilter.of(literalProbe(b)));
  }

  /** Substitutions match any single level; probe them as '+'. */
  private static String literalProbe(String topic) {
    return topic.replace("${client.id}", "+").replace("${user.name}", "+");
  }
}

package io.mqttguard.cli;

import io.mqttguard.cli.FileRbacXml.Element;
import io.mqttguard.cli.MigrationReport.Kind;
import io.mqttguard.cli.PolicyBuilder.Rule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Translates a HiveMQ file-rbac {@code credentials.xml}: roles with permissions become roles with
 * allow rules (file-rbac has no deny), users keep their hashes and roles. {@code ${{clientid}}} and
 * {@code ${{username}}} filling a whole level become {@code ${client.id}}/{@code ${user.name}}.
 * Constructs this ACL cannot express (a minimum QoS, "only retained", "only shared") are left out
 * (nothing is granted for them) and reported.
 */
final class FileRbacTranslator {
  private final String file;
  private final PolicyBuilder policy;
  private final MigrationReport report;

  FileRbacTranslator(String file, PolicyBuilder policy, MigrationReport report) {
    this.file = file;
    this.policy = policy;
    this.report = report;
  }

  void translate(Element root) {
    for (Element role : root.all("roles/role")) {
      String id = role.text("id", "");
      if (id.isEmpty()) {
        report.add(Kind.NOT_TRANSLATED, file, role.line, "role without <id>");
        continue;
      }
      String name = policy.role("rbac:" + id, id, "file-rbac role " + id);
      for (Element p : role.all("permissions/permission")) {
        permission(name, p);
      }
    }
    for (Element user : root.all("users/user")) {
      user(user);
    }
  }

  private void permission(String role, Element p) {
    String topic = p.text("topic", "");
    ImportedTopic t = ImportedTopic.translate(topic, "${{clientid}}", "${{username}}");
    String translated = t.topic();
    if (translated == null) {
      report.add(
          Kind.NOT_TRANSLATED,
          file,
          p.line,
          "topic '" + ImportedTopic.abbreviate(topic) + "': " + t.problem());
      return;
    }
    String activity = p.text("activity", "ALL");
    Integer maxQos = qos(p.text("qos", "ALL"), p.line);
    if (maxQos != null && maxQos < 0) {
      return;
    }
    String source = file + ":" + p.line;
    boolean publish = activity.equals("ALL") || activity.equals("PUBLISH");
    boolean subscribe = activity.equals("ALL") || activity.equals("SUBSCRIBE");
    if (!publish && !subscribe) {
      report.add(Kind.NOT_TRANSLATED, file, p.line, "unknown <activity> '" + activity + "'");
      return;
    }
    if (publish) {
      String retained = p.text("retained-messages", "ALL");
      Boolean retain =
          switch (retained) {
            case "RETAINED" -> Boolean.TRUE;
            case "NOT_RETAINED" -> Boolean.FALSE;
            default -> null;
          };
      policy.addRule(
          role,
          new Rule(
              true,
              List.of(PolicyBuilder.PUBLISH),
              List.of(translated),
              maxQos,
              retain,
              null,
              source));
    }
    if (subscribe) {
      subscribe(role, p, translated, maxQos, source);
    }
  }

  /**
   * file-rbac's shared-subscription/shared-group; here a rule with {@code shareGroups} covers only
   * shared subscriptions in those groups (subscribe only), a rule without covers plain and shared.
   */
  private void subscribe(
      String role, Element p, String topic, @Nullable Integer maxQos, String source) {
    String shared = p.text("shared-subscription", "ALL");
    String group = p.text("shared-group", "#");
    List<String> subscribeReceive = List.of(PolicyBuilder.SUBSCRIBE, PolicyBuilder.RECEIVE);
    List<String> subscribeOnly = List.of(PolicyBuilder.SUBSCRIBE);
    if (shared.equals("SHARED") && group.equals("#")) {
      report.add(
          Kind.NOT_TRANSLATED,
          file,
          p.line,
          "<shared-subscription>SHARED</shared-subscription> in any group cannot be expressed"
              + " (shareGroups lists groups); the subscribe permission is left out");
      return;
    }
    if (group.equals("#")) {
      if (shared.equals("NOT_SHARED")) {
        report.add(
            Kind.DIFFERS,
            file,
            p.line,
            "NOT_SHARED cannot be expressed: this rule also allows shared subscriptions"
                + " ($share/<group>/"
                + topic
                + "), which take messages from that group's members");
      }
      policy.addRule(
          role, new Rule(true, subscribeReceive, List.of(topic), maxQos, null, null, source));
      return;
    }
    if (!shared.equals("SHARED")) {
      report.add(
          Kind.DIFFERS,
          file,
          p.line,
          "shared-group '"
              + group
              + "' became shareGroups, which covers only shared subscriptions: plain"
              + " subscriptions to this topic are no longer allowed by it");
    }
    policy.addRule(
        role, new Rule(true, subscribeOnly, List.of(topic), maxQos, null, List.of(group), source));
  }

  /** Max QoS, null for any, or -1 when not expressible (reported). */
  private @Nullable Integer qos(String qos, int line) {
    switch (qos) {
      case "ALL":
      case "ZERO_ONE_TWO":
        return null;
      case "ZERO":
        return 0;
      case "ZERO_ONE":
        return 1;
      default:
        report.add(
            Kind.NOT_TRANSLATED,
            file,
            line,
            "<qos>"
                + qos
                + "</qos> excludes QoS 0, which this ACL cannot express (only a maximum QoS);"
                + " the permission is left out");
        return -1;
    }
  }

  private void user(Element u) {
    String name = u.text("name", "");
    if (name.isEmpty()) {
      report.add(Kind.NOT_TRANSLATED, file, u.line, "user without <name>");
      return;
    }
    PolicyBuilder.User user = policy.user(name);
    for (Element role : u.all("roles/id")) {
      String id = role.value.strip();
      if (policy.hasRole("rbac:" + id)) {
        user.roles.add(policy.role("rbac:" + id, id, ""));
      } else {
        report.add(
            Kind.NOT_TRANSLATED, file, role.line, "user '" + name + "': unknown role '" + id + "'");
      }
    }
    String password = u.text("password", "");
    if (!password.isEmpty() && HashImport.accept(name, password, file, u.line, report)) {
      user.password = password;
    }
  }
}

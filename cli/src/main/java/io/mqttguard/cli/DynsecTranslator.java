package io.mqttguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.cli.DynsecAcls.Acl;
import io.mqttguard.cli.MigrationReport.Kind;
import io.mqttguard.cli.PolicyBuilder.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a mosquitto dynamic-security plugin file ({@code dynamic-security.json}): roles and
 * their ACLs become roles, clients become users (their PBKDF2-SHA512 hash re-encoded losslessly as
 * mosquitto {@code $7$}), group roles are granted to the group's clients, the anonymous group's
 * roles to anonymous clients. dynsec decides by the first matching ACL in priority order; here a
 * deny wins over every allow, so each allow that dynsec checked before an overlapping deny is
 * reported.
 */
final class DynsecTranslator {
  private static final String DEFAULT_ACCESS = "dynsec default access";

  private final String file;
  private final JsonLines json;
  private final PolicyBuilder policy;
  private final MigrationReport report;

  private final Map<String, List<Acl>> roleAcls = new LinkedHashMap<>();
  private final DynsecAcls aclTranslator;

  DynsecTranslator(String file, JsonLines json, PolicyBuilder policy, MigrationReport report) {
    this.file = file;
    this.json = json;
    this.policy = policy;
    this.report = report;
    this.aclTranslator = new DynsecAcls(file, json, policy, report);
  }

  void translate() {
    JsonNode root = json.root();
    JsonNode roles = root.path("roles");
    for (int i = 0; i < roles.size(); i++) {
      role(roles.get(i), "/roles/" + i);
    }
    Map<String, List<String>> groupRoles = new LinkedHashMap<>();
    JsonNode groups = root.path("groups");
    for (int i = 0; i < groups.size(); i++) {
      JsonNode g = groups.get(i);
      groupRoles.put(g.path("groupname").asText(), sortedRoleNames(g.path("roles")));
    }
    List<String> defaults = defaultAccess(root.path("defaultACLAccess"));
    JsonNode clients = root.path("clients");
    for (int i = 0; i < clients.size(); i++) {
      client(clients.get(i), "/clients/" + i, groupRoles, defaults);
    }
    String anonymousGroup = root.path("anonymousGroup").asText("");
    if (!anonymousGroup.isEmpty()) {
      List<String> anon = new ArrayList<>(groupRoles.getOrDefault(anonymousGroup, List.of()));
      anon.forEach(r -> policy.grantAnonymous(roleName(r)));
      defaults.forEach(policy::grantAnonymous);
      reportPriorities(anon, "anonymous clients");
    }
    aclTranslator.reportPlainSubscribeAllows();
  }

  private void role(JsonNode role, String pointer) {
    String name = role.path("rolename").asText("");
    int roleLine = json.line(pointer + "/rolename");
    if (name.isEmpty()) {
      report.add(Kind.NOT_TRANSLATED, file, roleLine, "role without a rolename");
      return;
    }
    String ours = roleName(name);
    if (!ours.equals(name)) {
      report.add(Kind.NOTE, file, roleLine, "role '" + name + "' is named '" + ours + "'");
    }
    List<Acl> acls = new ArrayList<>();
    JsonNode list = role.path("acls");
    for (int i = 0; i < list.size(); i++) {
      Acl acl = aclTranslator.translate(ours, list.get(i), pointer + "/acls/" + i);
      if (acl != null) {
        acls.add(acl);
      }
    }
    acls.sort(Comparator.comparingInt(Acl::priority).reversed());
    roleAcls.put(name, acls);
  }

  private void client(
      JsonNode c, String pointer, Map<String, List<String>> groupRoles, List<String> defaults) {
    String username = c.path("username").asText("");
    int line = json.line(pointer + "/username");
    if (username.isEmpty()) {
      report.add(Kind.NOT_TRANSLATED, file, line, "client without a username");
      return;
    }
    PolicyBuilder.User user = policy.user(username);
    List<String> order = new ArrayList<>(sortedRoleNames(c.path("roles")));
    for (String g : sortedGroupNames(c.path("groups"))) {
      order.addAll(groupRoles.getOrDefault(g, List.of()));
    }
    for (String r : order) {
      if (roleAcls.containsKey(r)) {
        user.roles.add(roleName(r));
      } else {
        report.add(
            Kind.NOT_TRANSLATED, file, line, "client '" + username + "': unknown role '" + r + "'");
      }
    }
    user.roles.addAll(defaults);
    reportPriorities(order, "client '" + username + "'");
    password(c, username, line, user);
    String clientId = c.path("clientid").asText("");
    if (!clientId.isEmpty()) {
      if (clientId.contains("*")) {
        report.add(
            Kind.DIFFERS,
            file,
            line,
            "client '" + username + "': '*' in clientid '" + clientId + "' is a wildcard here");
      }
      user.clientIds.add(clientId);
    }
    if (c.path("disabled").asBoolean(false)) {
      user.disabled = true;
    }
  }

  private void password(JsonNode c, String username, int line, PolicyBuilder.User user) {
    String hash = c.path("password").asText("");
    if (hash.isEmpty()) {
      return;
    }
    String salt = c.path("salt").asText("");
    int iterations = c.path("iterations").asInt(0);
    String encoded = "$7$" + iterations + "$" + salt + "$" + hash;
    if (HashImport.accept(username, encoded, file, line, report)) {
      user.password = encoded;
    }
  }

  private List<String> defaultAccess(JsonNode defaults) {
    List<String> roles = new ArrayList<>();
    for (int i = 0; i < defaults.size(); i++) {
      JsonNode d = defaults.get(i);
      String type = d.path("acltype").asText("");
      boolean allow = d.path("allow").asBoolean(false);
      int line = json.line("/defaultACLAccess/" + i + "/acltype");
      String action =
          switch (type) {
            case "publishClientSend" -> PolicyBuilder.PUBLISH;
            case "publishClientReceive" -> PolicyBuilder.RECEIVE;
            case "subscribe" -> PolicyBuilder.SUBSCRIBE;
            default -> "";
          };
      if (!allow || action.isEmpty()) {
        continue;
      }
      String role =
          policy.role(
              DEFAULT_ACCESS,
              "dynsec-default-access",
              "dynsec defaultACLAccess (granted to every client)");
      policy.addRule(role, Rule.of(true, List.of(action), "#", file + ":" + line));
      report.add(
          Kind.NOTE,
          file,
          line,
          "defaultACLAccess "
              + type
              + " = allow became role '"
              + role
              + "' (allow "
              + action
              + " on '#') for every client; here a deny anywhere overrides it");
      if (!roles.contains(role)) {
        roles.add(role);
      }
    }
    return roles;
  }

  /** Reports each allow that dynsec evaluates before an overlapping deny of the same action. */
  private void reportPriorities(List<String> roleOrder, String who) {
    List<Acl> order = new ArrayList<>();
    roleOrder.forEach(r -> order.addAll(roleAcls.getOrDefault(r, List.of())));
    aclTranslator.reportPriorities(order, who);
  }

  private static List<String> sortedRoleNames(JsonNode roles) {
    List<JsonNode> list = new ArrayList<>();
    roles.forEach(list::add);
    list.sort(Comparator.comparingInt((JsonNode r) -> r.path("priority").asInt(-1)).reversed());
    return list.stream().map(r -> r.path("rolename").asText("")).toList();
  }

  private static List<String> sortedGroupNames(JsonNode groups) {
    List<JsonNode> list = new ArrayList<>();
    groups.forEach(list::add);
    list.sort(Comparator.comparingInt((JsonNode r) -> r.path("priority").asInt(-1)).reversed());
    return list.stream().map(r -> r.path("groupname").asText("")).toList();
  }

  private String roleName(String dynsecRole) {
    return policy.role("dynsec:" + dynsecRole, dynsecRole, "dynsec role " + dynsecRole);
  }
}

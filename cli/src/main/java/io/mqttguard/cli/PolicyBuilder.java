package io.mqttguard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Collects translated roles, rules and users and renders {@code acl.json} and {@code users.json}
 * documents (schemas {@code acl-1.json}, {@code users-1.json}). Not thread-safe.
 */
final class PolicyBuilder {
  static final String PUBLISH = "publish";
  static final String SUBSCRIBE = "subscribe";
  static final String RECEIVE = "receive";

  /** One rule of a role; {@code source} (file:line) becomes the rule's description. */
  record Rule(
      boolean allow,
      List<String> actions,
      List<String> topics,
      @Nullable Integer maxQos,
      @Nullable Boolean retain,
      @Nullable List<String> shareGroups,
      String source) {
    Rule {
      actions = List.copyOf(actions);
      topics = List.copyOf(topics);
      shareGroups = shareGroups == null ? null : List.copyOf(shareGroups);
    }

    static Rule of(boolean allow, List<String> actions, String topic, String source) {
      return new Rule(allow, actions, List.of(topic), null, null, null, source);
    }
  }

  /** One user of users.json. */
  static final class User {
    @Nullable String password;
    final Set<String> roles = new LinkedHashSet<>();
    final List<String> clientIds = new ArrayList<>();
    boolean disabled;
    @Nullable String description;
  }

  private final Map<String, String> roleNames = new LinkedHashMap<>();
  private final Map<String, List<Rule>> roles = new LinkedHashMap<>();
  private final Map<String, String> roleDescriptions = new LinkedHashMap<>();
  private final Set<String> anonymousRoles = new LinkedHashSet<>();
  private final Map<String, User> users = new LinkedHashMap<>();

  /**
   * The role name for {@code sourceName} (made safe for the schema's name pattern, unique, stable:
   * the same source name always gives the same role).
   */
  String role(String sourceName, String preferredName, String description) {
    String existing = roleNames.get(sourceName);
    if (existing != null) {
      return existing;
    }
    String base = safeName(preferredName);
    String name = base;
    for (int i = 2; roles.containsKey(name); i++) {
      name = base + "-" + i;
    }
    roleNames.put(sourceName, name);
    roles.put(name, new ArrayList<>());
    roleDescriptions.put(name, description);
    return name;
  }

  boolean hasRole(String sourceName) {
    return roleNames.containsKey(sourceName);
  }

  void addRule(String role, Rule rule) {
    List<Rule> rules = roles.get(role);
    if (rules == null) {
      throw new IllegalStateException("unknown role " + role);
    }
    rules.add(rule);
  }

  List<Rule> rules(String role) {
    return List.copyOf(roles.getOrDefault(role, List.of()));
  }

  Set<String> roleNames() {
    return roles.keySet();
  }

  void grantAnonymous(String role) {
    anonymousRoles.add(role);
  }

  User user(String name) {
    return users.computeIfAbsent(name, n -> new User());
  }

  boolean hasUser(String name) {
    return users.containsKey(name);
  }

  Set<String> usernames() {
    return users.keySet();
  }

  ObjectNode aclJson() {
    ObjectNode doc = JsonFiles.object();
    doc.put("$schema", "https://mqttguard.io/schemas/acl-1.json");
    ObjectNode rolesNode = doc.putObject("roles");
    roles.forEach(
        (name, rules) -> {
          ObjectNode role = rolesNode.putObject(name);
          role.put("description", roleDescriptions.get(name));
          ArrayNode array = role.putArray("rules");
          rules.forEach(r -> array.add(ruleJson(r)));
        });
    if (!anonymousRoles.isEmpty()) {
      ArrayNode anon = doc.putObject("anonymous").putArray("roles");
      anonymousRoles.forEach(anon::add);
    }
    return doc;
  }

  ObjectNode usersJson() {
    ObjectNode doc = JsonFiles.object();
    doc.put("$schema", "https://mqttguard.io/schemas/users-1.json");
    ObjectNode usersNode = doc.putObject("users");
    users.forEach((name, u) -> usersNode.set(name, userJson(u)));
    return doc;
  }

  static ObjectNode userJson(User u) {
    ObjectNode node = JsonFiles.object();
    if (u.password != null) {
      node.put("password", u.password);
    }
    if (!u.roles.isEmpty()) {
      ArrayNode r = node.putArray("roles");
      u.roles.forEach(r::add);
    }
    if (!u.clientIds.isEmpty()) {
      ArrayNode c = node.putArray("clientIds");
      u.clientIds.forEach(c::add);
    }
    if (u.disabled) {
      node.put("disabled", true);
    }
    if (u.description != null) {
      node.put("description", u.description);
    }
    return node;
  }

  private static ObjectNode ruleJson(Rule r) {
    ObjectNode node = JsonFiles.object();
    node.put("effect", r.allow() ? "allow" : "deny");
    ArrayNode actions = node.putArray("actions");
    r.actions().forEach(actions::add);
    ArrayNode topics = node.putArray("topics");
    r.topics().forEach(topics::add);
    if (r.maxQos() != null) {
      node.put("maxQos", r.maxQos());
    }
    if (r.retain() != null) {
      node.put("retain", r.retain());
    }
    List<String> groups = r.shareGroups();
    if (groups != null) {
      ArrayNode g = node.putArray("shareGroups");
      groups.forEach(g::add);
    }
    node.put("description", "imported from " + r.source());
    return node;
  }

  static String safeName(String source) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == ':'
              || c == '-';
      b.append(ok ? c : '_');
    }
    if (b.length() == 0 || !Character.isLetterOrDigit(b.charAt(0))) {
      b.insert(0, 'r');
    }
    String s = b.toString();
    return s.length() > 120 ? s.substring(0, 120) : s;
  }
}

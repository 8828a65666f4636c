package io.mqttguard.acl;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.JsonConfigReader;
import io.mqttguard.config.JsonPointers;
import io.mqttguard.config.ProblemCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps a schema-valid {@code acl.json} tree to a {@link DefaultAclPolicy}, collecting every
 * semantic problem. One instance per load.
 */
final class AclLoader {
  private static final JsonConfigReader READER = new JsonConfigReader();

  private final ProblemCollector problems;
  private int ordinal;

  private AclLoader(String fileName) {
    this.problems = new ProblemCollector(fileName);
  }

  static AclPolicy load(Path file) throws ConfigException {
    JsonNode root = READER.read(file, AclPolicy.SCHEMA);
    Path name = file.getFileName();
    return new AclLoader(name == null ? file.toString() : name.toString()).map(root);
  }

  static AclPolicy parse(String fileName, byte[] json) throws ConfigException {
    JsonNode root = READER.parse(fileName, json, AclPolicy.SCHEMA);
    return new AclLoader(fileName).map(root);
  }

  private DefaultAclPolicy map(JsonNode root) throws ConfigException {
    Map<String, List<Rule>> roles = new LinkedHashMap<>();
    for (var it = root.path("roles").fields(); it.hasNext(); ) {
      var e = it.next();
      String pointer = JsonPointers.child("/roles", e.getKey());
      roles.put(e.getKey(), role(e.getKey(), pointer, e.getValue()));
    }
    Set<String> anonymous = new LinkedHashSet<>();
    JsonNode anon = root.path("anonymous").path("roles");
    for (int i = 0; i < anon.size(); i++) {
      String name = anon.get(i).asText();
      if (!roles.containsKey(name)) {
        problems.error(
            JsonPointers.child("/anonymous/roles", i),
            "unknown role '" + name + "'; defined roles are " + roles.keySet());
      }
      anonymous.add(name);
    }
    problems.throwIfErrors();
    return new DefaultAclPolicy(roles, anonymous, problems.warnings());
  }

  private List<Rule> role(String name, String pointer, JsonNode node) {
    JsonNode rules = node.path("rules");
    if (rules.isEmpty()) {
      problems.warn(JsonPointers.child(pointer, "rules"), "role '" + name + "' has no rules");
    }
    List<Rule> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rule(new RuleRef(name, i), rules.get(i));
      if (rule != null) {
        out.add(rule);
      }
    }
    return List.copyOf(out);
  }

  private @Nullable Rule rule(RuleRef ref, JsonNode node) {
    String pointer = ref.pointer();
    Effect effect = Effect.valueOf(node.path("effect").asText().toUpperCase(Locale.ROOT));
    Set<Action> actions = EnumSet.noneOf(Action.class);
    for (JsonNode a : node.path("actions")) {
      actions.add(Action.valueOf(a.asText().toUpperCase(Locale.ROOT)));
    }
    List<TopicTemplate> topics = topics(pointer, node.path("topics"));
    boolean ok = topics != null;
    ok &= constraintsFit(pointer, node, effect, actions);
    Set<String> groups = shareGroups(pointer, node);
    if (!ok || topics == null) {
      return null;
    }
    int maxQos = node.has("maxQos") ? node.get("maxQos").asInt() : 2;
    JsonNode r = node.path("retain");
    Boolean retain = r.isBoolean() ? Boolean.valueOf(r.asBoolean()) : null;
    int maxPayload =
        node.has("maxPayloadBytes") ? node.get("maxPayloadBytes").asInt() : Integer.MAX_VALUE;
    return Rule.create(ordinal++, ref, effect, actions, topics, maxQos, retain, maxPayload, groups);
  }

  /** The rule's topics, or {@code null} if any is invalid (all problems reported). */
  private @Nullable List<TopicTemplate> topics(String pointer, JsonNode topicNodes) {
    List<TopicTemplate> topics = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < topicNodes.size(); i++) {
      String at = JsonPointers.child(JsonPointers.child(pointer, "topics"), i);
      TopicTemplate t = TopicTemplate.parse(topicNodes.get(i).asText(), problems, at);
      if (t == null) {
        ok = false;
      } else {
        topics.add(t);
      }
    }
    return ok ? topics : null;
  }

  private boolean constraintsFit(String pointer, JsonNode node, Effect effect, Set<Action> a) {
    boolean ok = true;
    for (String field : List.of("maxQos", "retain", "maxPayloadBytes")) {
      if (!node.has(field)) {
        continue;
      }
      String at = JsonPointers.child(pointer, field);
      if (effect == Effect.DENY) {
        problems.error(at, field + " constrains what an allow rule grants; a deny rule denies all");
        ok = false;
      } else if (field.equals("maxQos")
          ? !a.contains(Action.PUBLISH) && !a.contains(Action.SUBSCRIBE)
          : !a.contains(Action.PUBLISH)) {
        problems.error(
            at,
            field
                + " applies to "
                + (field.equals("maxQos") ? "publish and subscribe" : "publish")
                + ", but the rule's actions are "
                + a);
        ok = false;
      }
    }
    if (node.has("shareGroups") && (a.contains(Action.PUBLISH) || a.contains(Action.RECEIVE))) {
      problems.error(
          JsonPointers.child(pointer, "shareGroups"),
          "shareGroups applies to subscribe only; put publish/receive in a separate rule");
      ok = false;
    }
    return ok;
  }

  private @Nullable Set<String> shareGroups(String pointer, JsonNode node) {
    if (!node.has("shareGroups")) {
      return null;
    }
    Set<String> groups = new LinkedHashSet<>();
    JsonNode list = node.get("shareGroups");
    for (int i = 0; i < list.size(); i++) {
      String g = list.get(i).asText();
      if (g.indexOf('/') >= 0 || g.indexOf('+') >= 0 || g.indexOf('#') >= 0 || g.contains("\0")) {
        problems.error(
            JsonPointers.child(JsonPointers.child(pointer, "shareGroups"), i),
            "a share group must not contain '/', '+', '#' or U+0000, but was '" + g + "'");
      }
      groups.add(g);
    }
    return groups;
  }
}

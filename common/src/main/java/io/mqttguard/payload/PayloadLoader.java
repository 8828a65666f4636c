package io.mqttguard.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.JsonPointers;
import io.mqttguard.config.ProblemCollector;
import io.mqttguard.envelope.Algorithm;
import io.mqttguard.topic.TopicFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Maps a schema-valid {@code payload.json} tree to a {@link PayloadConfig}. One per load. */
final class PayloadLoader {
  private final ProblemCollector problems;
  private final Keyset keys;

  PayloadLoader(String fileName, Keyset keys) {
    this.problems = new ProblemCollector(fileName);
    this.keys = keys;
  }

  PayloadConfig load(JsonNode root) throws ConfigException {
    int window =
        root.path("replay")
            .path("windowSeconds")
            .asInt(PayloadConfig.DEFAULT_REPLAY_WINDOW_SECONDS);
    int cache =
        root.path("replay").path("cacheSize").asInt(PayloadConfig.DEFAULT_REPLAY_CACHE_SIZE);
    JsonNode share = root.path("replay").path("maxPerPublisher");
    int perPublisher =
        share.isMissingNode() ? PayloadConfig.defaultPerPublisher(cache) : share.asInt();
    if (perPublisher > cache) {
      problems.error(
          "/replay/maxPerPublisher",
          "must not exceed replay.cacheSize (" + cache + "): a publisher's share is part of it");
    }
    int maxBytes = root.path("maxPayloadBytes").asInt(PayloadConfig.MAX_PAYLOAD_BYTES);
    List<Rule> rules = new ArrayList<>();
    JsonNode list = root.path("rules");
    for (int i = 0; i < list.size(); i++) {
      rules.add(rule(list.get(i), i, JsonPointers.child("/rules", i), maxBytes));
    }
    problems.throwIfErrors();
    String usageFile = root.has("keyUsageFile") ? root.path("keyUsageFile").asText() : null;
    return new PayloadConfig(keys, rules, window, cache, perPublisher, usageFile);
  }

  private Rule rule(JsonNode n, int index, String pointer, int defaultMaxBytes) {
    Action action = Action.fromJson(n.path("action").asText());
    List<TopicFilter> topics = new ArrayList<>();
    JsonNode t = n.path("topics");
    for (int i = 0; i < t.size(); i++) {
      String value = t.get(i).asText();
      var problem = TopicFilter.problem(value);
      if (problem != null) {
        problems.error(
            JsonPointers.child(pointer + "/topics", i),
            "must be a valid MQTT topic filter (" + problem + ")");
      } else {
        topics.add(TopicFilter.of(value));
      }
    }
    Set<Integer> keyIds = keyIds(n, pointer, action);
    if (n.has("requireClientBinding") && action == Action.REQUIRE_PROTECTED) {
      problems.error(
          pointer + "/requireClientBinding",
          "only allowed with decrypt, verify-hmac and verify-signature");
    }
    if (n.has("keepStamp") && action != Action.VERIFY_HMAC && action != Action.VERIFY_SIGNATURE) {
      problems.error(pointer + "/keepStamp", "only allowed with verify-hmac and verify-signature");
    }
    String name = n.has("name") ? n.path("name").asText() : "rules/" + index;
    return new Rule(
        index,
        name,
        topics,
        action,
        keyIds,
        n.path("requireClientBinding").asBoolean(false),
        n.path("keepStamp").asBoolean(false),
        n.path("maxPayloadBytes").asInt(defaultMaxBytes));
  }

  private Set<Integer> keyIds(JsonNode n, String pointer, Action action) {
    Algorithm.Kind kind = action.keyKind();
    Set<Integer> ids = new LinkedHashSet<>();
    if (kind == null) {
      if (n.has("keys")) {
        problems.error(pointer + "/keys", "require-protected uses no keys; remove keys");
      }
      return ids;
    }
    if (!n.has("keys")) {
      problems.error(pointer, "action " + action.jsonName + " needs keys (key IDs of keys.json)");
      return ids;
    }
    JsonNode list = n.path("keys");
    for (int i = 0; i < list.size(); i++) {
      int id = (int) list.get(i).asLong();
      String at = JsonPointers.child(pointer + "/keys", i);
      KeyEntry k = keys.key(id);
      if (k == null) {
        problems.error(at, "key ID " + Integer.toUnsignedString(id) + " is not in keys.json");
      } else if (k.algorithm().kind() != kind) {
        problems.error(
            at,
            "action "
                + action.jsonName
                + " needs a "
                + kind
                + " key, but key "
                + k.idText()
                + " is "
                + k.algorithm().jsonName());
      }
      ids.add(id);
    }
    return ids;
  }
}

package io.mqttguard.policytest;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.acl.Effect;
import io.mqttguard.acl.RuleRef;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.JsonConfigReader;
import io.mqttguard.config.JsonPointers;
import io.mqttguard.config.ProblemCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Maps a schema-valid policy test file to {@link PolicyTestCases}. One instance per load. */
final class PolicyTestLoader {
  /** Client identifier of cases that do not name one. */
  static final String DEFAULT_CLIENT_ID = "policy-test";

  private static final JsonConfigReader READER = new JsonConfigReader();

  private final ProblemCollector problems;
  private final Path baseDir;

  private PolicyTestLoader(String fileName, Path baseDir) {
    this.problems = new ProblemCollector(fileName);
    this.baseDir = baseDir;
  }

  static PolicyTestCases load(Path file) throws ConfigException {
    JsonNode root = READER.read(file, PolicyTestCases.SCHEMA);
    Path name = file.getFileName();
    Path parent = file.toAbsolutePath().getParent();
    return new PolicyTestLoader(
            name == null ? file.toString() : name.toString(), parent == null ? Path.of("") : parent)
        .map(root);
  }

  static PolicyTestCases parse(String fileName, byte[] json) throws ConfigException {
    JsonNode root = READER.parse(fileName, json, PolicyTestCases.SCHEMA);
    return new PolicyTestLoader(fileName, Path.of("")).map(root);
  }

  private PolicyTestCases map(JsonNode root) throws ConfigException {
    List<PolicyTestCase> cases = new ArrayList<>();
    JsonNode list = root.path("cases");
    for (int i = 0; i < list.size(); i++) {
      cases.add(testCase(i, JsonPointers.child("/cases", i), list.get(i)));
    }
    problems.throwIfErrors();
    return new PolicyTestCases(problems.file(), cases);
  }

  private PolicyTestCase testCase(int index, String pointer, JsonNode n) {
    Set<String> roles = null;
    if (n.has("roles")) {
      roles = new LinkedHashSet<>();
      for (JsonNode r : n.get("roles")) {
        roles.add(r.asText());
      }
    }
    boolean anonymous = n.path("anonymous").asBoolean(false);
    if (anonymous && (roles != null || n.has("username"))) {
      problems.error(
          pointer,
          "an anonymous case gets anonymous.roles of acl.json; remove 'roles' and 'username'");
    }
    String certificate = text(n, "certificate");
    Map<String, String> attributes = new LinkedHashMap<>();
    for (var it = n.path("attributes").fields(); it.hasNext(); ) {
      var e = it.next();
      attributes.put(e.getKey(), e.getValue().asText());
    }
    return new PolicyTestCase(
        n.has("name") ? n.get("name").asText() : "case " + (index + 1),
        pointer,
        n.has("clientId") ? n.get("clientId").asText() : DEFAULT_CLIENT_ID,
        text(n, "username"),
        text(n, "password"),
        text(n, "listener"),
        certificate == null ? null : baseDir.resolve(certificate),
        certificate != null || n.path("tls").asBoolean(false),
        roles,
        anonymous,
        attributes,
        text(n, "certCommonName"),
        PolicyTestCase.TestAction.valueOf(n.path("action").asText().toUpperCase(Locale.ROOT)),
        text(n, "topic"),
        n.path("qos").asInt(0),
        n.path("retain").asBoolean(false),
        n.path("payloadBytes").asInt(0),
        Effect.valueOf(n.path("expect").asText().toUpperCase(Locale.ROOT)),
        ruleRef(n));
  }

  private static @Nullable String text(JsonNode n, String field) {
    return n.has(field) ? n.get(field).asText() : null;
  }

  /** {@code role[index]}, already checked by the schema's pattern. */
  private static @Nullable RuleRef ruleRef(JsonNode n) {
    if (!n.has("expectRule")) {
      return null;
    }
    String s = n.get("expectRule").asText();
    int open = s.lastIndexOf('[');
    return new RuleRef(
        s.substring(0, open), Integer.parseInt(s.substring(open + 1, s.length() - 1)));
  }
}

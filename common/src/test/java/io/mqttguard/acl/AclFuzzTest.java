package io.mqttguard.acl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mqttguard.config.ConfigException;
import io.mqttguard.identity.ClientIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz targets for the ACL: loading throws nothing but {@link ConfigException}; compiling and
 * deciding never throw, whatever the rules, the identity's values and the requested topics, and the
 * explanation always carries the fast path's decision.
 *
 * <p>In {@code ./mvnw verify} these run in regression mode and, in the {@code fuzz-acl-*}
 * executions of common/pom.xml, a few seconds of coverage-guided fuzzing each.
 */
class AclFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] ACTIONS = {"publish", "subscribe", "receive"};
  private static final String[] PIECES = {
    "a", "+", "#", "$SYS", "${client.id}", "${user.name}", "${cert.cn}", "${attr.x}", "", "$share"
  };

  @FuzzTest(maxDuration = "10s")
  void parse_anyBytes_throwsOnlyConfigException(byte[] input) {
    try {
      AclPolicy acl = AclPolicy.parse("acl.json", input);
      assertThat(acl.roleNames()).isNotNull();
    } catch (ConfigException e) {
      assertThat(e.problems()).isNotEmpty();
    }
  }

  @FuzzTest(maxDuration = "10s")
  void decide_anyRulesIdentityAndTopic_neverThrows(FuzzedDataProvider data) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode rules = root.putObject("roles").putObject("r").putArray("rules");
    int count = data.consumeInt(1, 4);
    for (int i = 0; i < count; i++) {
      ObjectNode rule = rules.addObject();
      rule.put("effect", data.consumeBoolean() ? "allow" : "deny");
      rule.putArray("actions").add(data.pickValue(ACTIONS));
      rule.putArray("topics").add(topic(data));
    }
    AclPolicy acl;
    try {
      acl = AclPolicy.parse("acl.json", root.toString().getBytes(StandardCharsets.UTF_8));
    } catch (ConfigException e) {
      return;
    }
    ClientIdentity id =
        new ClientIdentity(
            data.consumeString(8),
            data.consumeBoolean() ? data.consumeString(8) : null,
            Set.of("r"),
            Map.of("x", data.consumeString(8)),
            null,
            false);
    ClientPolicy p = acl.compile(id);
    String request = data.consumeRemainingAsString();
    for (AccessRequest r :
        new AccessRequest[] {
          new AccessRequest.Publish(request, 1, false, 10),
          new AccessRequest.Subscribe(request, 1),
          new AccessRequest.Receive(request)
        }) {
      Decision d = p.decide(r);
      assertThat(p.explain(r).decision()).isEqualTo(d);
    }
  }

  private static String topic(FuzzedDataProvider data) {
    if (data.consumeBoolean()) {
      return data.consumeString(20);
    }
    StringBuilder s = new StringBuilder();
    int levels = data.consumeInt(1, 4);
    for (int i = 0; i < levels; i++) {
      s.append(i == 0 ? "" : "/").append(data.pickValue(PIECES));
    }
    return s.toString();
  }
}

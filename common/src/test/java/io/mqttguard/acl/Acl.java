package io.mqttguard.acl;

import io.mqttguard.config.ConfigException;
import io.mqttguard.identity.ClientIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/** Test helpers: build policies from JSON text written with single quotes. */
final class Acl {
  private Acl() {}

  /** Parses {@code json} (single quotes allowed for readability) as {@code acl.json}. */
  static AclPolicy policy(String json) {
    try {
      return AclPolicy.parse("acl.json", json(json));
    } catch (ConfigException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** A policy with a single role {@code r} holding the given rules (a JSON array body). */
  static AclPolicy role(String rules) {
    return policy("{'roles': {'r': {'rules': [" + rules + "]}}}");
  }

  /** The client policy of user {@code u}, client {@code c}, with role {@code r}. */
  static ClientPolicy client(String rules) {
    return role(rules).compile(ClientIdentity.user("c", "u", Set.of("r")));
  }

  static ClientIdentity withAttributes(String clientId, Map<String, String> attributes) {
    return new ClientIdentity(clientId, "u", Set.of("r"), attributes, null, false);
  }

  static byte[] json(String singleQuoted) {
    return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }
}

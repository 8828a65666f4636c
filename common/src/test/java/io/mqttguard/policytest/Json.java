package io.mqttguard.policytest;

import io.mqttguard.acl.AclPolicy;
import io.mqttguard.config.ConfigException;
import java.nio.charset.StandardCharsets;

/** Test helpers: policies and case files from JSON text written with single quotes. */
final class Json {
  private Json() {}

  /** Parses {@code json} (single quotes allowed for readability) as {@code acl.json}. */
  static AclPolicy policy(String json) {
    try {
      return AclPolicy.parse("acl.json", bytes(json));
    } catch (ConfigException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** A policy with a single role {@code r} holding the given rules (a JSON array body). */
  static AclPolicy role(String rules) {
    return policy("{'roles': {'r': {'rules': [" + rules + "]}}}");
  }

  static byte[] bytes(String singleQuoted) {
    return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }
}

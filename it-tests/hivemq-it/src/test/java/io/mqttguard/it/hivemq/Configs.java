package io.mqttguard.it.hivemq;

import java.util.LinkedHashMap;
import java.util.Map;

/** Configuration files for the integration tests, written into the extension's conf folder. */
final class Configs {
  private Configs() {}

  /** Listener modes matching {@link GuardBroker}'s listeners; generous per-address lockout. */
  static final String GUARD =
      """
      {
        "listeners": {
          "tcp": {"authentication": "password", "requireTlsForPassword": false},
          "tls": {"authentication": "certificate-or-password"},
          "tls-required": {"authentication": "certificate"},
          "tls-both": {"authentication": "certificate-and-password"}
        },
        "lockout": {"maxFailuresPerUsername": 3, "maxFailuresPerAddress": 100000,
                    "windowSeconds": 300, "initialBlockSeconds": 120, "maxBlockSeconds": 600}
      }
      """;

  static final String ACL =
      """
      {
        "roles": {
          "operator": {"rules": [
            {"effect": "allow", "actions": ["publish", "subscribe", "receive"], "topics": ["plant/#"]},
            {"effect": "deny", "actions": ["receive"], "topics": ["plant/secret/#"]}
          ]},
          "sensor": {"rules": [
            {"effect": "allow", "actions": ["publish"], "topics": ["sensors/${cert.cn}/#"]}
          ]}
        }
      }
      """;

  /**
   * The certificate rule used by all tests: OU=sensors from the test CA → user = CN, role sensor.
   */
  static final String CERTIFICATES =
      """
        "certificates": [
          {"name": "sensors",
           "match": {"issuer": "CN=MQTT Guard Test CA,O=MQTT Guard Tests", "subjectFields": {"OU": "sensors"}},
           "username": "${cert.cn}", "roles": ["sensor"], "clientIds": ["${cert.cn}"]}
        ]
      """;

  /**
   * The conf files most tests use: acl.json, users.json and guard.json ({@link #GUARD}), then
   * further files as (name, content) pairs.
   */
  static Map<String, String> files(String acl, String users, String... moreNamesAndContents) {
    if (moreNamesAndContents.length % 2 != 0) {
      throw new IllegalArgumentException("(file name, content) pairs expected");
    }
    Map<String, String> files = new LinkedHashMap<>();
    files.put("acl.json", acl);
    files.put("users.json", users);
    files.put("guard.json", GUARD);
    for (int i = 0; i < moreNamesAndContents.length; i += 2) {
      if (files.put(moreNamesAndContents[i], moreNamesAndContents[i + 1]) != null) {
        throw new IllegalArgumentException("duplicate file " + moreNamesAndContents[i]);
      }
    }
    return Map.copyOf(files);
  }

  /**
   * users.json from groups of four values: name, password, roles JSON array, clientIds JSON array
   * (or null for unbound).
   */
  static String users(String... v) {
    return users(false, v);
  }

  /** Like {@link #users(String...)} plus the {@link #CERTIFICATES} rule (needs role sensor). */
  static String usersWithCertificates(String... v) {
    return users(true, v);
  }

  private static String users(boolean certificates, String... v) {
    StringBuilder b = new StringBuilder("{\n  \"users\": {\n");
    for (int i = 0; i < v.length; i += 4) {
      b.append("    \"")
          .append(v[i])
          .append("\": {\"password\": \"")
          .append(Passwords.hash(v[i + 1]))
          .append("\", \"roles\": ")
          .append(v[i + 2]);
      if (v[i + 3] != null) {
        b.append(", \"clientIds\": ").append(v[i + 3]);
      }
      b.append(i + 4 < v.length ? "},\n" : "}\n");
    }
    b.append(certificates ? "  },\n" : "  }\n");
    return b.append(certificates ? CERTIFICATES : "").append("}\n").toString();
  }
}

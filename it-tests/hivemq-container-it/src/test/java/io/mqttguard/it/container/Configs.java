package io.mqttguard.it.container;

import java.security.SecureRandom;
import java.util.Base64;

/** MQTT Guard configuration files for the container tests (listener names from config.xml). */
final class Configs {
  private Configs() {}

  /** Distinctive passwords, so that the log check cannot miss or mistake them. */
  static final String OP_PASSWORD = "op-Secret-8c41f0";

  static final String OP2_PASSWORD = "op2-Secret-27d9e3";
  static final String WATCHER_PASSWORD = "watcher-Secret-b5a01c";

  /** The password of the test PKI's key stores (distinctive too: the log check looks for it). */
  static final String KEYSTORE_PASSWORD = "ks-Pass-5e1b9c";

  static final String GUARD =
      """
      {
        "listeners": {
          "tcp": {"authentication": "password", "requireTlsForPassword": false},
          "tls": {"authentication": "certificate-or-password"}
        },
        "lockout": {"maxFailuresPerUsername": 1000, "maxFailuresPerAddress": 100000,
                    "windowSeconds": 300, "initialBlockSeconds": 120, "maxBlockSeconds": 600}
      }
      """;

  /** Roles; {@code watcherRules} is the JSON rule list of role {@code watcher}. */
  static String acl(String watcherRules) {
    return """
        {
          "roles": {
            "operator": {"rules": [
              {"effect": "allow", "actions": ["publish", "subscribe", "receive"], "topics": ["plant/#"]},
              {"effect": "deny", "actions": ["receive"], "topics": ["plant/secret/#"]}
            ]},
            "sensor": {"rules": [
              {"effect": "allow", "actions": ["publish"], "topics": ["sensors/${cert.cn}/#"]}
            ]},
            "watcher": {"rules": %s}
          }
        }
        """
        .formatted(watcherRules);
  }

  static final String WATCHER_ALLOWED =
      "[{\"effect\": \"allow\", \"actions\": [\"subscribe\", \"receive\"], \"topics\": [\"plant/#\"]}]";
  static final String WATCHER_REVOKED = "[]";

  /** Users op, op2 (operator), watcher; certificates of the test CA with OU=sensors map to CN. */
  static String users() {
    return """
        {
          "users": {
            "op": {"password": "%s", "roles": ["operator"]},
            "op2": {"password": "%s", "roles": ["operator"]},
            "watcher": {"password": "%s", "roles": ["watcher"]}
          },
          "certificates": [
            {"name": "sensors",
             "match": {"issuer": "CN=MQTT Guard Test CA,O=MQTT Guard Tests", "subjectFields": {"OU": "sensors"}},
             "username": "${cert.cn}", "roles": ["sensor"], "clientIds": ["${cert.cn}"]}
          ]
        }
        """
        .formatted(
            Passwords.hash(OP_PASSWORD),
            Passwords.hash(OP2_PASSWORD),
            Passwords.hash(WATCHER_PASSWORD));
  }

  /** keys.json with fresh random material: AES-256-GCM key 1 (Base64). */
  static String keys(String aesMaterial) {
    return """
        {"keys": [{"id": 1, "algorithm": "AES-256-GCM", "status": "primary", "material": "%s"}]}
        """
        .formatted(aesMaterial);
  }

  static final String PAYLOAD_RULES =
      """
      {"rules": [{"name": "telemetry", "topics": ["plant/enc/#"], "action": "decrypt", "keys": [1]}]}
      """;

  static String randomKeyMaterial() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}

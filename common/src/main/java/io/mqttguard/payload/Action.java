package io.mqttguard.payload;

import io.mqttguard.envelope.Algorithm;

/** What a payload rule does. */
enum Action {
  DECRYPT("decrypt"),
  VERIFY_HMAC("verify-hmac"),
  VERIFY_SIGNATURE("verify-signature"),
  REQUIRE_PROTECTED("require-protected");

  final String jsonName;

  Action(String jsonName) {
    this.jsonName = jsonName;
  }

  static Action fromJson(String name) {
    for (Action a : values()) {
      if (a.jsonName.equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown action (the schema admits only known ones)");
  }

  /** The key kind the action needs, or {@code null} for require-protected. */
  Algorithm.@org.jspecify.annotations.Nullable Kind keyKind() {
    return switch (this) {
      case DECRYPT -> Algorithm.Kind.AEAD;
      case VERIFY_HMAC -> Algorithm.Kind.MAC;
      case VERIFY_SIGNATURE -> Algorithm.Kind.SIGNATURE;
      case REQUIRE_PROTECTED -> null;
    };
  }
}

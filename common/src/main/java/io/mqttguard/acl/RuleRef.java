package io.mqttguard.acl;

import static java.util.Objects.requireNonNull;

import io.mqttguard.config.JsonPointers;

/**
 * Identifies one rule of {@code acl.json}: the role it belongs to and its index in that role's
 * {@code rules} array.
 *
 * @param role the role name
 * @param index the zero-based index in {@code /roles/{role}/rules}
 */
public record RuleRef(String role, int index) {
  public RuleRef {
    requireNonNull(role, "role");
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, but was " + index);
    }
  }

  /** The JSON pointer of the rule in {@code acl.json}, e.g. {@code /roles/sensor/rules/0}. */
  public String pointer() {
    return JsonPointers.child(
        JsonPointers.child(JsonPointers.child("/roles", role), "rules"), index);
  }

  /** Renders as {@code role[index]}, e.g. {@code sensor[0]}. */
  @Override
  public String toString() {
    return role + "[" + index + "]";
  }
}

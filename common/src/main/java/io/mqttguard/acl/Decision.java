package io.mqttguard.acl;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The answer to one authorization question. Decisions are data: the effect, why it was reached, the
 * rule that decided (if any) and a human-readable reason for logs and audit events. The reason
 * never contains secrets; it may quote the rule's topic pattern.
 *
 * @param effect allow or deny
 * @param basis why the decision was reached
 * @param rule the deciding rule, or {@code null} for {@link Basis#NO_MATCHING_RULE} and {@link
 *     Basis#INVALID_REQUEST}
 * @param reason a one-line explanation, e.g. {@code "denied by rule operator[1] (receive
 *     sensors/+/secrets/#)"}
 */
public record Decision(Effect effect, Basis basis, @Nullable RuleRef rule, String reason) {

  /** Why a decision was reached. */
  public enum Basis {
    /** An allow rule matched and its constraints held, and no deny rule matched. */
    ALLOW_RULE,
    /** A deny rule matched; deny overrides every allow regardless of rule order. */
    DENY_RULE,
    /** An allow rule matched but the request broke its maxQos, retain or maxPayloadBytes. */
    CONSTRAINT_VIOLATED,
    /** No rule matched: default deny. */
    NO_MATCHING_RULE,
    /** The topic, filter, QoS or size was not valid MQTT: denied without consulting rules. */
    INVALID_REQUEST
  }

  public Decision {
    requireNonNull(effect, "effect");
    requireNonNull(basis, "basis");
    requireNonNull(reason, "reason");
    if ((effect == Effect.ALLOW) != (basis == Basis.ALLOW_RULE)) {
      throw new IllegalArgumentException("effect " + effect + " does not fit basis " + basis);
    }
    if ((rule == null) != (basis == Basis.NO_MATCHING_RULE || basis == Basis.INVALID_REQUEST)) {
      throw new IllegalArgumentException("basis " + basis + " and rule " + rule + " do not fit");
    }
  }

  /** Whether the request is allowed. */
  public boolean allowed() {
    return effect == Effect.ALLOW;
  }
}

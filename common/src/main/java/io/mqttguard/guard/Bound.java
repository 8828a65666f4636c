package io.mqttguard.guard;

import io.mqttguard.acl.ClientPolicy;
import io.mqttguard.acl.Decision;
import io.mqttguard.acl.Effect;
import io.mqttguard.acl.PublishGrant;
import io.mqttguard.acl.PublishGrants;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.payload.PayloadGuard;
import io.mqttguard.payload.PayloadVerdict;
import io.mqttguard.payload.RefusalReason;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link DefaultClientSession} decides with: one configuration snapshot and the ACL policy
 * compiled from it for the session's identity, with the decision steps that need nothing else (the
 * topic limits first, then the rules; what a broker may enforce natively). Immutable; its decisions
 * never throw.
 */
record Bound(ConfigSnapshot snapshot, ClientPolicy policy) {
  static final Decision REVOKED =
      new Decision(Effect.DENY, Decision.Basis.NO_MATCHING_RULE, null, "session revoked or closed");
  static final Decision INTERNAL_ERROR =
      new Decision(
          Effect.DENY, Decision.Basis.INVALID_REQUEST, null, "internal error while deciding");

  /** Compiles {@code snapshot}'s ACL for {@code identity}; throws if compilation fails. */
  static Bound of(ConfigSnapshot snapshot, ClientIdentity identity) {
    return new Bound(snapshot, snapshot.acl().compile(identity));
  }

  /** The refusal of a topic or filter beyond the topic limits, or null within them. */
  @Nullable Decision limitRefusal(String topic) {
    try {
      String violation = snapshot.auth().settings().topicLimits().violation(topic);
      return violation == null
          ? null
          : new Decision(Effect.DENY, Decision.Basis.INVALID_REQUEST, null, violation);
    } catch (RuntimeException e) {
      return INTERNAL_ERROR;
    }
  }

  /** The topic limits first (without consulting rules), then {@code decision}; never throws. */
  Decision decide(String topic, Supplier<Decision> decision) {
    try {
      Decision refusal = limitRefusal(topic);
      return refusal != null ? refusal : decision.get();
    } catch (RuntimeException e) {
      return INTERNAL_ERROR;
    }
  }

  /** {@code decision}, or a deny if it throws. */
  static Decision decide(Supplier<Decision> decision) {
    try {
      return decision.get();
    } catch (RuntimeException e) {
      return INTERNAL_ERROR;
    }
  }

  /**
   * The payload rules' verdict on an inbound payload of {@code sender} (a failure refuses it),
   * counted in {@code host}'s metrics.
   */
  PayloadVerdict payload(String topic, ClientIdentity sender, byte[] payload, SessionHost host) {
    PayloadVerdict o;
    try {
      o = snapshot.payload().inbound(topic, sender, payload);
    } catch (RuntimeException e) {
      o = new PayloadVerdict.Refused(RefusalReason.AUTHENTICATION_FAILED);
    }
    if (o instanceof PayloadVerdict.Refused) {
      host.count(GuardMetric.PAYLOAD_REFUSED);
    } else if (o instanceof PayloadVerdict.Replaced) {
      host.count(GuardMetric.PAYLOAD_REPLACED);
    }
    return o;
  }

  /** What a broker may enforce natively under this binding (see {@link ClientSession#plan}). */
  EnforcementPlan plan() {
    try {
      PublishGrants grants = policy.publishGrants().orElse(null);
      PayloadGuard payload = snapshot.payload();
      boolean payloadRules =
          grants == null
              ? payload.hasRules()
              : payload.mayApply(
                  grants.entries().stream()
                      .filter(g -> g.effect() == Effect.ALLOW)
                      .map(PublishGrant::filter)
                      .toList());
      return new EnforcementPlan(
          grants,
          policy.receiveDeniesWithinSubscriptions(),
          payloadRules,
          snapshot.auth().settings().topicLimits());
    } catch (RuntimeException e) {
      return new EnforcementPlan(null, true, true); // check everything through the session
    }
  }
}

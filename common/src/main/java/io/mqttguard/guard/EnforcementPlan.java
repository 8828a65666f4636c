package io.mqttguard.guard;

import io.mqttguard.acl.PublishGrants;
import io.mqttguard.topic.TopicLimits;
import org.jspecify.annotations.Nullable;

/**
 * Which of a client's checks a broker adapter may leave to the broker itself, under one snapshot
 * (the {@link Enforcement} of a live session). Adapters whose broker offers cheaper native
 * enforcement (HiveMQ's default permissions, decided on its I/O thread) use it to register
 * per-message callbacks only where they are needed. Equal plans mean equal enforcement: an adapter
 * that enforced a plan natively compares it after a reload and reconnects the client when it
 * changed.
 *
 * @param publishGrants the publish rules as a first-match list that decides exactly like {@link
 *     ClientSession#publish}, or {@code null} when the rules cannot be expressed that way (payload
 *     size limits): then every PUBLISH must be checked through the session
 * @param deliveryChecks whether every delivery must be checked with {@link ClientSession#receive}
 *     ({@code deny receive} rules); when false, checking each SUBSCRIBE is enough
 * @param payloadRules whether a payload rule may apply to a PUBLISH the client may send (without
 *     grants: whether any payload rule is configured): PUBLISHes must then go through {@link
 *     ClientSession#inbound}
 * @param topicLimits the topic limits in force: the grants decide like {@link
 *     ClientSession#publish} only for topics within them, so a broker that enforces the grants
 *     natively must refuse the topics beyond them natively too
 */
public record EnforcementPlan(
    @Nullable PublishGrants publishGrants,
    boolean deliveryChecks,
    boolean payloadRules,
    TopicLimits topicLimits)
    implements Enforcement {
  public EnforcementPlan {
    java.util.Objects.requireNonNull(topicLimits, "topicLimits");
  }

  /** A plan under the {@linkplain TopicLimits#DEFAULT default topic limits}. */
  public EnforcementPlan(
      @Nullable PublishGrants publishGrants, boolean deliveryChecks, boolean payloadRules) {
    this(publishGrants, deliveryChecks, payloadRules, TopicLimits.DEFAULT);
  }

  /** Whether a per-message check of inbound PUBLISHes is needed (no grants, or payload rules). */
  public boolean inboundChecks() {
    return publishGrants == null || payloadRules;
  }
}

package io.mqttguard.hivemq;

import io.mqttguard.acl.Decision;
import io.mqttguard.acl.Effect;
import io.mqttguard.acl.RuleRef;
import io.mqttguard.guard.AcceptedWill;
import io.mqttguard.guard.ClientSession;
import io.mqttguard.guard.Enforcement;
import io.mqttguard.guard.EnforcementPlan;
import io.mqttguard.guard.InboundPublish;
import io.mqttguard.guard.WillPayloads;
import io.mqttguard.guard.WillVerdict;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.payload.PayloadVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ClientSession} for adapter unit tests: records closes, answers {@link #plan()} with a
 * settable plan, {@link #subscribe} from a settable set of allowed filters (running {@link
 * #duringSubscribe} after deciding, to interleave a reload) and {@link #inbound} from a set of
 * topics it may publish on (payloads always pass). Other decisions are not supported. Not
 * thread-safe.
 */
final class FakeSession implements ClientSession {
  final ClientIdentity identity;
  final List<Duration> closedWith = new ArrayList<>();
  int connectionEnded;
  final Set<String> allowedFilters = new HashSet<>();
  final Set<String> allowedPublishTopics = new HashSet<>();
  Runnable duringSubscribe = () -> {};
  @Nullable EnforcementPlan plan;

  FakeSession(String clientId) {
    identity = ClientIdentity.user(clientId, "u", Set.of());
  }

  @Override
  public ClientIdentity identity() {
    return identity;
  }

  @Override
  public String listener() {
    return "tcp";
  }

  @Override
  public Decision publish(String topic, int qos, boolean retain, int payloadBytes) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Decision subscribe(String topicFilterOrShared, int qos) {
    Decision d =
        allowedFilters.contains(topicFilterOrShared)
            ? new Decision(Effect.ALLOW, Decision.Basis.ALLOW_RULE, new RuleRef("r", 0), "fake")
            : new Decision(Effect.DENY, Decision.Basis.NO_MATCHING_RULE, null, "fake");
    duringSubscribe.run(); // e.g. a reload between this decision and the caller's next step
    return d;
  }

  @Override
  public boolean withinTopicLimits(String action, String topicOrFilter) {
    return io.mqttguard.topic.TopicLimits.DEFAULT.violation(topicOrFilter) == null;
  }

  @Override
  public Decision receive(String topic) {
    throw new UnsupportedOperationException();
  }

  @Override
  public InboundPublish inbound(String topic, int qos, boolean retain, byte[] payload) {
    if (allowedPublishTopics.contains(topic)) {
      return new InboundPublish.Checked(
          new Decision(Effect.ALLOW, Decision.Basis.ALLOW_RULE, new RuleRef("r", 0), "fake"),
          PayloadVerdict.passThrough());
    }
    return new InboundPublish.Denied(
        new Decision(Effect.DENY, Decision.Basis.NO_MATCHING_RULE, null, "fake"));
  }

  @Override
  public InboundPublish inbound(
      String topic, int qos, boolean retain, byte[] payload, int packetId, boolean dup) {
    return inbound(topic, qos, retain, payload);
  }

  /** Allowed (as received) on {@link #allowedPublishTopics}, else denied. */
  @Override
  public WillVerdict will(
      String topic, int qos, boolean retain, byte[] payload, WillPayloads capability) {
    return recheckWill(AcceptedWill.asReceived(topic, qos, retain, payload, capability));
  }

  @Override
  public WillVerdict recheckWill(AcceptedWill will) {
    InboundPublish verdict = inbound(will.topic(), will.qos(), will.retain(), will.payload());
    return verdict instanceof InboundPublish.Checked
        ? new WillVerdict.Allowed(will)
        : new WillVerdict.Denied(will.topic(), verdict.decision());
  }

  @Override
  public Enforcement plan() {
    EnforcementPlan p = plan;
    return p == null ? Enforcement.Revoked.INSTANCE : p;
  }

  @Override
  public void connected(boolean cleanStart) {}

  @Override
  public void connectionEnded() {
    connectionEnded++;
  }

  @Override
  public void close(Duration sessionExpiry) {
    closedWith.add(sessionExpiry);
  }

  @Override
  public boolean revoked() {
    return !closedWith.isEmpty();
  }
}

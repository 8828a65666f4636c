package io.mqttguard.guard;

import io.mqttguard.acl.Decision;
import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.TlsFacts;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.payload.PayloadVerdict;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ClientSession} of one accepted connection. Holds the snapshot it was last checked
 * against and the ACL policy compiled from it; a decision that finds a newer snapshot in force
 * first re-checks the client and recompiles its policy (under the session's lock, so once per
 * snapshot). Thread-safe: decisions read one volatile {@link Bound}.
 */
final class DefaultClientSession implements ClientSession {
  private enum State {
    ACTIVE,
    REVOKED,
    CLOSED
  }

  private final SessionHost host;
  private final AuthResult.Accepted accepted;
  private final @Nullable TlsFacts tls;
  private final String listener;
  private final @Nullable Instant certificateExpiry;
  private final AuditBudget auditBudget;
  private volatile Bound bound;
  private volatile State state = State.ACTIVE;
  private volatile boolean connected;
  private volatile boolean ended;

  DefaultClientSession(
      SessionHost host,
      AuthResult.Accepted accepted,
      @Nullable TlsFacts tls,
      String listener,
      ConfigSnapshot checkedAgainst,
      AuditBudget auditBudget) {
    this.host = host;
    this.auditBudget = auditBudget;
    this.accepted = accepted;
    this.tls = tls;
    this.listener = listener;
    this.certificateExpiry = tls == null ? null : tls.earliestExpiry();
    this.bound = Bound.of(checkedAgainst, accepted.identity());
  }

  @Override
  public ClientIdentity identity() {
    return accepted.identity();
  }

  @Override
  public String listener() {
    return listener;
  }

  @Override
  public Decision publish(String topic, int qos, boolean retain, int payloadBytes) {
    return publish(current(), topic, qos, retain, payloadBytes);
  }

  private Decision publish(
      @Nullable Bound b, String topic, int qos, boolean retain, int payloadBytes) {
    return audited(
        "publish",
        topic,
        counted(
            b == null
                ? Bound.REVOKED
                : b.decide(topic, () -> b.policy().publish(topic, qos, retain, payloadBytes)),
            GuardMetric.PUBLISH_DENIED));
  }

  @Override
  public Decision subscribe(String topicFilterOrShared, int qos) {
    Bound b = current();
    return audited(
        "subscribe",
        topicFilterOrShared,
        counted(
            b == null
                ? Bound.REVOKED
                : b.decide(
                    topicFilterOrShared, () -> b.policy().subscribe(topicFilterOrShared, qos)),
            GuardMetric.SUBSCRIBE_DENIED));
  }

  private Decision audited(String action, String topic, Decision d) {
    if (!d.allowed()) {
      long suppressed = auditBudget.take();
      if (suppressed >= 0) {
        host.auditDeny(this, action, topic, d, suppressed);
      }
    }
    return d;
  }

  @Override
  public Decision receive(String topic) {
    Bound b = current();
    return counted(
        b == null ? Bound.REVOKED : Bound.decide(() -> b.policy().receive(topic)),
        GuardMetric.RECEIVE_DENIED);
  }

  @Override
  public InboundPublish inbound(String topic, int qos, boolean retain, byte[] payload) {
    return inbound(topic, qos, retain, payload, 0, false);
  }

  @Override
  public InboundPublish inbound(
      String topic, int qos, boolean retain, byte[] payload, int packetId, boolean dup) {
    Bound b = current();
    Decision d = publish(b, topic, qos, retain, payload.length);
    if (b == null || !d.allowed()) {
      return new InboundPublish.Denied(d);
    }
    AcceptedPublishes accepted = host.acceptedPublishes();
    boolean tracked = qos > 0 && packetId > 0; // QoS 0 has no packet ID and no retransmission
    if (tracked
        && dup
        && accepted.isRetransmission(identity(), packetId, qos, retain, topic, payload)) {
      return new InboundPublish.Retransmission(d);
    }
    PayloadVerdict o = b.payload(topic, identity(), payload, host);
    if (tracked && o.verified()) { // a protected payload was accepted (stripped, kept, decrypted)
      accepted.accepted(identity(), packetId, qos, retain, topic, payload);
    }
    return new InboundPublish.Checked(d, o);
  }

  @Override
  public WillVerdict will(
      String topic, int qos, boolean retain, byte[] payload, WillPayloads capability) {
    return WillRules.atConnect(
        topic, qos, retain, payload, capability, inbound(topic, qos, retain, payload));
  }

  @Override
  public WillVerdict recheckWill(AcceptedWill will) {
    Bound b = current();
    Decision d = publish(b, will.topic(), will.qos(), will.retain(), will.receivedBytes());
    if (b == null || !d.allowed()) {
      return new WillVerdict.Denied(will.topic(), d);
    }
    if (will.protectedPayload()) {
      return new WillVerdict.Allowed(will); // verified at CONNECT; see WillRules
    }
    byte[] received = will.payload(); // not protected: the received bytes, unchanged
    return WillRules.recheckedPayload(
        will, new InboundPublish.Checked(d, b.payload(will.topic(), identity(), received, host)));
  }

  @Override
  public boolean withinTopicLimits(String action, String topicOrFilter) {
    Bound b = current();
    Decision refusal = b == null ? Bound.REVOKED : b.limitRefusal(topicOrFilter);
    if (refusal == null) {
      return true;
    }
    GuardMetric metric =
        action.endsWith("subscribe") ? GuardMetric.SUBSCRIBE_DENIED : GuardMetric.PUBLISH_DENIED;
    var unused = audited(action, topicOrFilter, counted(refusal, metric));
    return false;
  }

  private Decision counted(Decision d, GuardMetric deniedMetric) {
    if (!d.allowed()) {
      host.count(deniedMetric);
    }
    return d;
  }

  @Override
  public Enforcement plan() {
    Bound b = current();
    return b == null ? Enforcement.Revoked.INSTANCE : b.plan();
  }

  @Override
  public void connected(boolean cleanStart) {
    if (!connected && state == State.ACTIVE) {
      connected = true;
      host.connected(this, cleanStart);
    }
  }

  @Override
  public void connectionEnded() {
    ended = true;
  }

  /** Whether the connection ended ({@link #connectionEnded} or {@link #close}). */
  boolean ended() {
    return ended;
  }

  /** Whether the broker connected the client ({@link #connected} was confirmed). */
  boolean wasConnected() {
    return connected;
  }

  @Override
  public void close(Duration sessionExpiry) {
    ended = true;
    State previous;
    synchronized (this) {
      previous = state;
      state = State.CLOSED;
    }
    if (previous != State.CLOSED) {
      host.closed(this, sessionExpiry);
    }
  }

  @Override
  public boolean revoked() {
    return state != State.ACTIVE;
  }

  /** The generation of the snapshot this session was last checked against. */
  long generation() {
    return bound.snapshot().generation();
  }

  /** Whether a certificate of the client's chain has expired at {@code now}. */
  boolean certificateExpiredAt(Instant now) {
    Instant e = certificateExpiry;
    return e != null && now.isAfter(e);
  }

  /**
   * Brings the session up to date with the snapshot in force.
   *
   * @return the binding to decide with, or {@code null} if the session is revoked or closed
   */
  @Nullable Bound current() {
    Bound b = bound;
    if (state != State.ACTIVE) {
      return null;
    }
    ConfigSnapshot now = host.current();
    return b.snapshot().generation() == now.generation() ? b : refresh(now, false);
  }

  /**
   * Re-checks the client against {@code now} (also when already bound to it if {@code force}, e.g.
   * for certificate expiry) and rebinds.
   *
   * @return the new binding, or {@code null} if the client was revoked
   */
  @Nullable Bound refresh(ConfigSnapshot now, boolean force) {
    String revokedFor;
    synchronized (this) {
      if (state != State.ACTIVE) {
        return null;
      }
      if (!force && bound.snapshot().generation() == now.generation()) {
        return bound;
      }
      AuthResult r = host.recheck(accepted, tls, listener, now);
      if (r instanceof AuthResult.Rejected rejected) {
        revokedFor = rejected.auditDetail();
      } else {
        try {
          bound = Bound.of(now, identity());
          return bound;
        } catch (RuntimeException e) {
          revokedFor = "policy compilation failed: " + e.getClass().getName();
        }
      }
      state = State.REVOKED;
    }
    host.revoked(this, revokedFor);
    return null;
  }

  @Override
  public String toString() {
    return "ClientSession[" + accepted.identity().clientId() + ", " + state + "]";
  }
}

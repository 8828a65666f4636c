package io.mqttguard.moquette;

import io.mqttguard.acl.Decision;
import io.mqttguard.acl.Effect;
import io.mqttguard.acl.RuleRef;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.RejectReason;
import io.mqttguard.guard.AcceptedWill;
import io.mqttguard.guard.ClientSession;
import io.mqttguard.guard.ConfigSnapshot;
import io.mqttguard.guard.ConnectOutcome;
import io.mqttguard.guard.Enforcement;
import io.mqttguard.guard.Guard;
import io.mqttguard.guard.GuardMetrics;
import io.mqttguard.guard.InboundPublish;
import io.mqttguard.guard.ReloadOutcome;
import io.mqttguard.guard.WillPayloads;
import io.mqttguard.guard.WillVerdict;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.payload.PayloadVerdict;
import io.mqttguard.payload.RefusalReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted stand-in for the core (the broker is real): a {@link Guard} whose sessions answer in
 * the core's own vocabulary. Users are accepted when password equals username; topics under {@code
 * <username>/} and {@code shared/} are theirs; {@code deny/} is never allowed; {@code boom/} throws
 * (to prove the adapter fails closed; the real core never throws); payloads starting with {@code
 * ENC:} are "decrypted" by stripping the prefix, {@code BAD:} is refused. Records lifecycle events.
 * Thread-safe.
 */
final class ScriptedGuard implements Guard {
  private static final Decision ALLOW =
      new Decision(Effect.ALLOW, Decision.Basis.ALLOW_RULE, new RuleRef("scripted", 0), "own");
  private static final Decision DENY =
      new Decision(Effect.DENY, Decision.Basis.NO_MATCHING_RULE, null, "not own topic");

  final List<ConnectRequest> requests = new CopyOnWriteArrayList<>();
  final List<String> events = new CopyOnWriteArrayList<>();
  volatile Set<String> hiddenFromReceive = Set.of();

  /** Client IDs whose sessions the scripted core has revoked (every decision denies). */
  final Set<String> revokedClients = ConcurrentHashMap.newKeySet();

  /** Will topics the scripted core no longer allows at connection loss. */
  final Set<String> willsWithdrawn = ConcurrentHashMap.newKeySet();

  @Override
  public CompletableFuture<ConnectOutcome> connect(ConnectRequest request) {
    requests.add(request);
    byte[] pw = request.password();
    String user = request.username();
    if (user == null && request.tls() != null && !request.tls().peerChain().isEmpty()) {
      String dn = request.tls().peerChain().get(0).getSubjectX500Principal().getName();
      user = dn.startsWith("CN=") ? dn.substring(3) : dn;
    } else if (user == null
        || pw == null
        || !user.equals(new String(pw, StandardCharsets.UTF_8))
        || user.equals("nobody")) {
      return CompletableFuture.completedFuture(
          new ConnectOutcome.Rejected(RejectReason.BAD_USER_NAME_OR_PASSWORD, "bad credentials"));
    }
    ClientIdentity id =
        new ClientIdentity(request.clientId(), user, Set.of(), Map.of(), null, false);
    return CompletableFuture.supplyAsync(
        () -> new ConnectOutcome.Accepted(new ScriptedSession(id)));
  }

  @Override
  public ConfigSnapshot snapshot() {
    throw new UnsupportedOperationException("scripted");
  }

  @Override
  public ReloadOutcome reload() {
    throw new UnsupportedOperationException("scripted");
  }

  /** The scripted core counts nothing: every counter reads 0 (the adapter registers them). */
  @Override
  public GuardMetrics metrics() {
    return new GuardMetrics() {
      @Override
      public long count(io.mqttguard.guard.GuardMetric metric) {
        return 0;
      }

      @Override
      public Map<io.mqttguard.guard.GuardMetric, Long> snapshot() {
        return Map.of();
      }

      @Override
      public int liveSessions() {
        return 0;
      }
    };
  }

  @Override
  public void close() {}

  /** One scripted session; see the class comment. */
  final class ScriptedSession implements ClientSession {
    private final ClientIdentity identity;

    ScriptedSession(ClientIdentity identity) {
      this.identity = identity;
    }

    @Override
    public ClientIdentity identity() {
      return identity;
    }

    @Override
    public String listener() {
      return "tcp";
    }

    private boolean own(String topic) {
      if (topic.startsWith("boom/")) {
        throw new IllegalStateException("policy bug");
      }
      return !topic.startsWith("deny/")
          && (topic.startsWith(identity.username() + "/") || topic.startsWith("shared/"));
    }

    @Override
    public Decision publish(String topic, int qos, boolean retain, int payloadBytes) {
      return own(topic) ? ALLOW : DENY;
    }

    @Override
    public Decision subscribe(String topicFilterOrShared, int qos) {
      boolean wildcardRoot =
          topicFilterOrShared.startsWith("#") || topicFilterOrShared.startsWith("+");
      return !wildcardRoot && own(topicFilterOrShared) ? ALLOW : DENY;
    }

    @Override
    public boolean withinTopicLimits(String action, String topicOrFilter) {
      return io.mqttguard.topic.TopicLimits.DEFAULT.violation(topicOrFilter) == null;
    }

    @Override
    public Decision receive(String topic) {
      return hiddenFromReceive.contains(topic) ? DENY : ALLOW;
    }

    @Override
    public InboundPublish inbound(String topic, int qos, boolean retain, byte[] payload) {
      if (!own(topic)) {
        return new InboundPublish.Denied(DENY);
      }
      String s = new String(payload, StandardCharsets.UTF_8);
      if (s.startsWith("BAD:")) {
        return new InboundPublish.Checked(
            ALLOW, new PayloadVerdict.Refused(RefusalReason.HMAC_INVALID));
      }
      if (s.startsWith("ENC:")) {
        byte[] plain = s.substring(4).getBytes(StandardCharsets.UTF_8);
        return new InboundPublish.Checked(ALLOW, new PayloadVerdict.Replaced(plain));
      }
      return new InboundPublish.Checked(ALLOW, PayloadVerdict.passThrough());
    }

    @Override
    public InboundPublish inbound(
        String topic, int qos, boolean retain, byte[] payload, int packetId, boolean dup) {
      return inbound(topic, qos, retain, payload);
    }

    @Override
    public WillVerdict will(
        String topic, int qos, boolean retain, byte[] payload, WillPayloads capability) {
      InboundPublish verdict = inbound(topic, qos, retain, payload);
      if (!(verdict instanceof InboundPublish.Checked checked)) {
        return new WillVerdict.Denied(topic, verdict.decision());
      }
      if (checked.payload() instanceof PayloadVerdict.Refused refused) {
        return new WillVerdict.Refused(refused.reason());
      }
      byte[] stored =
          checked.payload() instanceof PayloadVerdict.Replaced replaced
              ? replaced.payload()
              : payload;
      return new WillVerdict.Allowed(
          AcceptedWill.asReceived(topic, qos, retain, stored, capability));
    }

    @Override
    public WillVerdict recheckWill(AcceptedWill will) {
      events.add("will-check:" + identity.clientId());
      return !revoked() && own(will.topic()) && !willsWithdrawn.contains(will.topic())
          ? new WillVerdict.Allowed(will)
          : new WillVerdict.Denied(will.topic(), DENY);
    }

    @Override
    public Enforcement plan() {
      throw new UnsupportedOperationException("scripted");
    }

    @Override
    public void connected(boolean cleanStart) {
      events.add("connected:" + identity.clientId());
    }

    @Override
    public void connectionEnded() {}

    @Override
    public void close(Duration sessionExpiry) {
      events.add("disconnected:" + identity.clientId() + ":" + sessionExpiry.isZero());
    }

    @Override
    public boolean revoked() {
      return revokedClients.contains(identity.clientId());
    }
  }
}

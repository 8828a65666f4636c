package io.mqttguard.moquette;

import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.identity.ClientIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted stand-in for the core behind {@link Gate} (the broker is real): users are accepted
 * when password equals username; topics under {@code <username>/} are theirs; {@code deny/} is
 * never allowed; {@code boom/} throws; payloads starting with {@code ENC:} are "decrypted" by
 * stripping the prefix, {@code BAD:} is refused. Records lifecycle events.
 */
final class ScriptedGate implements Gate {
  final List<ConnectRequest> requests = new CopyOnWriteArrayList<>();
  final List<String> events = new CopyOnWriteArrayList<>();
  volatile Set<String> hiddenFromReceive = Set.of();

  /** Client IDs whose sessions the scripted core has revoked (every decision denies). */
  final Set<String> revokedClients = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Will topics the scripted core no longer allows at connection loss. */
  final Set<String> willsWithdrawn = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public CompletableFuture<Admission> connect(ConnectRequest request) {
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
      return CompletableFuture.completedFuture(new Refused(4, "bad credentials"));
    }
    ClientIdentity id =
        new ClientIdentity(request.clientId(), user, Set.of(), Map.of(), null, false);
    return CompletableFuture.supplyAsync(() -> new Admitted(new ScriptedSession(id)));
  }

  final class ScriptedSession implements Session {
    private final ClientIdentity identity;

    ScriptedSession(ClientIdentity identity) {
      this.identity = identity;
    }

    @Override
    public ClientIdentity identity() {
      return identity;
    }

    private boolean own(String topic) {
      if (topic.startsWith("boom/")) {
        throw new IllegalStateException("policy bug");
      }
      return !topic.startsWith("deny/")
          && (topic.startsWith(identity.username() + "/") || topic.startsWith("shared/"));
    }

    @Override
    public boolean maySubscribe(String topicFilter, int qos) {
      return !topicFilter.startsWith("#") && !topicFilter.startsWith("+") && own(topicFilter);
    }

    @Override
    public boolean withinTopicLimits(String action, String topicOrFilter) {
      return io.mqttguard.topic.TopicLimits.DEFAULT.violation(topicOrFilter) == null;
    }

    @Override
    public boolean mayReceive(String topic) {
      return !hiddenFromReceive.contains(topic);
    }

    @Override
    public Payload inbound(String topic, int qos, boolean retain, byte[] payload) {
      if (!own(topic)) {
        return new Denied("not own topic");
      }
      String s = new String(payload, StandardCharsets.UTF_8);
      if (s.startsWith("BAD:")) {
        return new Refuse("integrity");
      }
      if (s.startsWith("ENC:")) {
        return new Replace(s.substring(4).getBytes(StandardCharsets.UTF_8));
      }
      return new PassThrough();
    }

    @Override
    public Payload inbound(
        String topic, int qos, boolean retain, byte[] payload, int packetId, boolean dup) {
      return inbound(topic, qos, retain, payload);
    }

    @Override
    public boolean mayPublishWill(String topic, int qos, boolean retain, int payloadBytes) {
      events.add("will-check:" + identity.clientId());
      return !revoked() && !willsWithdrawn.contains(topic) && own(topic);
    }

    @Override
    public boolean revoked() {
      return revokedClients.contains(identity.clientId());
    }

    @Override
    public void connected(boolean cleanSession) {
      events.add("connected:" + identity.clientId());
    }

    @Override
    public void disconnected(Duration sessionExpiry) {
      events.add("disconnected:" + identity.clientId() + ":" + sessionExpiry.isZero());
    }
  }
}

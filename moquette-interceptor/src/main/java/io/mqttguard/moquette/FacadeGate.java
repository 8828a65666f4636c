package io.mqttguard.moquette;

import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.guard.ClientSession;
import io.mqttguard.guard.ConnectOutcome;
import io.mqttguard.guard.Guard;
import io.mqttguard.guard.InboundPublish;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.payload.Outcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Gate} on top of the broker-independent facade: pure translation, no policy. Thread-safe
 * (the facade is).
 */
final class FacadeGate implements Gate {
  private final Guard guard;

  FacadeGate(Guard guard) {
    this.guard = guard;
  }

  @Override
  public CompletableFuture<Admission> connect(ConnectRequest request) {
    return guard
        .connect(request)
        .thenApply(
            outcome ->
                outcome instanceof ConnectOutcome.Accepted accepted
                    ? new Admitted(new FacadeSession(accepted.session()))
                    : refused((ConnectOutcome.Rejected) outcome));
  }

  private static Admission refused(ConnectOutcome.Rejected rejected) {
    return new Refused(rejected.reason().mqtt311ReturnCode(), rejected.auditDetail());
  }

  /** Whether {@code session} is the adapter view of the facade's {@code client}. */
  static boolean wraps(Session session, ClientSession client) {
    return session instanceof FacadeSession f && f.client == client;
  }

  private static final class FacadeSession implements Session {
    private final ClientSession client;

    FacadeSession(ClientSession client) {
      this.client = client;
    }

    @Override
    public ClientIdentity identity() {
      return client.identity();
    }

    @Override
    public boolean maySubscribe(String topicFilter, int qos) {
      return client.subscribe(topicFilter, qos).allowed();
    }

    @Override
    public boolean withinTopicLimits(String action, String topicOrFilter) {
      return client.withinTopicLimits(action, topicOrFilter);
    }

    @Override
    public boolean mayReceive(String topic) {
      return client.receive(topic).allowed();
    }

    @Override
    public Payload inbound(String topic, int qos, boolean retain, byte[] payload) {
      return translate(client.inbound(topic, qos, retain, payload));
    }

    @Override
    public Payload inbound(
        String topic, int qos, boolean retain, byte[] payload, int packetId, boolean dup) {
      return translate(client.inbound(topic, qos, retain, payload, packetId, dup));
    }

    private static Payload translate(InboundPublish verdict) {
      if (verdict instanceof InboundPublish.Retransmission) {
        return new Retransmission();
      }
      if (verdict instanceof InboundPublish.Checked checked) {
        Outcome outcome = checked.payload();
        if (outcome instanceof Outcome.Replaced replaced) {
          return new Replace(replaced.payload());
        }
        if (outcome instanceof Outcome.Refused refused) {
          return new Refuse(refused.reason().name());
        }
        return new PassThrough();
      }
      return new Denied(verdict.decision().reason());
    }

    @Override
    public boolean mayPublishWill(String topic, int qos, boolean retain, int payloadBytes) {
      return client.publish(topic, qos, retain, payloadBytes).allowed();
    }

    @Override
    public boolean revoked() {
      return client.revoked();
    }

    @Override
    public void connected(boolean cleanSession) {
      client.connected(cleanSession);
    }

    @Override
    public void disconnected(Duration sessionExpiry) {
      client.close(sessionExpiry);
    }
  }
}

package io.mqttguard.moquette;

import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.identity.ClientIdentity;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The adapter's view of the security core: the only thing the Moquette glue talks to. Implemented
 * on top of the broker-independent facade; package-private so that no policy logic can live here.
 *
 * <p>Implementations are thread-safe; their futures never complete exceptionally.
 */
interface Gate {

  /** Decides one CONNECT (credentials, certificate mapping, client-ID binding, takeover). */
  CompletableFuture<Admission> connect(ConnectRequest request);

  /** The outcome of {@link #connect}. */
  sealed interface Admission permits Admitted, Refused {}

  /** The client may connect; {@code session} decides its later requests. */
  record Admitted(Session session) implements Admission {}

  /**
   * The client must be refused.
   *
   * @param mqtt311ReturnCode the CONNACK return code to send (1..5)
   * @param auditDetail internal detail, never sent to the client
   */
  record Refused(int mqtt311ReturnCode, String auditDetail) implements Admission {}

  /** What the core answers for one inbound PUBLISH (or will): ACL first, then payload rules. */
  sealed interface Payload permits Denied, PassThrough, Replace, Refuse, Retransmission {}

  /** The client may not publish there (the payload was not looked at). */
  record Denied(String reason) implements Payload {}

  /** Deliver the payload unchanged. */
  record PassThrough() implements Payload {}

  /** Deliver {@code payload} instead (e.g. decrypted). */
  @SuppressWarnings("ArrayRecordComponent") // owned by the caller after return
  record Replace(byte[] payload) implements Payload {}

  /** Do not deliver; {@code reason} is for the audit log only. */
  record Refuse(String reason) implements Payload {}

  /**
   * A retransmission of a protected message the core already accepted from this client session:
   * acknowledge it to the client (PUBACK, or PUBREC for QoS 2) and do not deliver it again.
   */
  record Retransmission() implements Payload {}

  /** One admitted client's decisions; immutable per policy snapshot, thread-safe. */
  interface Session {
    /** The identity the client connected as. */
    ClientIdentity identity();

    /** May the client subscribe to this filter (plain or {@code $share/...})? */
    boolean maySubscribe(String topicFilter, int qos);

    /**
     * Is this topic or filter within the configured topic limits? Asked for UNSUBSCRIBE filters
     * ({@link #maySubscribe} and {@link #inbound} check the limits themselves); a refusal is
     * audited under {@code action}.
     */
    boolean withinTopicLimits(String action, String topicOrFilter);

    /** May a message on {@code topic} be delivered to the client now? */
    boolean mayReceive(String topic);

    /**
     * The full check of one inbound PUBLISH (or of the will at CONNECT): may the client publish it,
     * and if so what the payload rules make of it.
     */
    Payload inbound(String topic, int qos, boolean retain, byte[] payload);

    /**
     * As {@link #inbound(String, int, boolean, byte[])} for a PUBLISH packet, with its packet ID
     * and DUP flag: the core may answer {@link Retransmission}.
     */
    Payload inbound(
        String topic, int qos, boolean retain, byte[] payload, int packetId, boolean dup);

    /**
     * May the will of this client be published now, when its connection was lost? Checked again
     * against the policy in force (the will was checked at CONNECT); false once the session is
     * revoked or closed.
     */
    boolean mayPublishWill(String topic, int qos, boolean retain, int payloadBytes);

    /** Whether the core revoked this session (or it was closed): every decision denies. */
    boolean revoked();

    /** The broker accepted the connection (CONNACK 0 sent), with or without a clean session. */
    void connected(boolean cleanSession);

    /**
     * The connection ended; the client ID stays reserved for {@code sessionExpiry} (zero for a
     * clean session or a connection the broker refused).
     */
    void disconnected(Duration sessionExpiry);
  }
}

package io.mqttguard.guard;

import io.mqttguard.acl.Decision;
import io.mqttguard.identity.ClientIdentity;
import java.time.Duration;

/**
 * One accepted client connection. Answers every authorization and payload question for that client
 * against the guard's <em>current</em> snapshot: after a reload the client's policy is recompiled
 * (lazily, at its next decision) and the client is re-checked; a client that lost its right to be
 * connected is revoked, after which every decision denies and the {@link RevocationListener} is
 * told to disconnect it.
 *
 * <p>Thread-safe: brokers call decisions from many threads. Decisions never throw on any input.
 */
public interface ClientSession {
  /** Who the client is, as decided at CONNECT. */
  ClientIdentity identity();

  /** The broker listener the client connected on. */
  String listener();

  /**
   * May the client publish this message? (For PUBLISH without payload rules, and for wills at
   * CONNECT.) Adapters with a payload hook use {@link #inbound} instead, which checks this first.
   */
  Decision publish(String topic, int qos, boolean retain, int payloadBytes);

  /** May the client subscribe to {@code topicFilterOrShared} (a filter or {@code $share/g/f})? */
  Decision subscribe(String topicFilterOrShared, int qos);

  /**
   * Is a topic name or filter the client sent within the {@code topicLimits} of {@code guard.json}
   * (levels and bytes, see {@link io.mqttguard.topic.TopicLimits})? Adapters call it for every
   * topic and filter of a SUBSCRIBE, UNSUBSCRIBE, PUBLISH and will before the broker sees it;
   * {@link #publish}, {@link #subscribe} and {@link #inbound} check it first too. A refusal is
   * audited (basis {@code INVALID_REQUEST}) under {@code action} ({@code subscribe}, {@code
   * unsubscribe}, {@code publish} or {@code will}); a revoked or closed session refuses everything.
   *
   * @return true if within the limits; false if the packet must be refused
   */
  boolean withinTopicLimits(String action, String topicOrFilter);

  /** May a message on {@code topic} be delivered to the client (checked per delivery)? */
  Decision receive(String topic);

  /**
   * The full inbound PUBLISH check: the topic ACL first ({@link #publish} with the payload size);
   * only if it allows, the payload rules (decrypt/verify and replace, or refuse). A payload is
   * never decrypted for a client that may not publish on the topic.
   */
  InboundPublish inbound(String topic, int qos, boolean retain, byte[] payload);

  /**
   * As {@link #inbound(String, int, boolean, byte[])} with the broker's packet identity, which
   * applies the retransmission rule for protected messages: a QoS 1/2 PUBLISH with {@code dup} set
   * that repeats, under the same {@code packetId}, a message whose protected payload this client
   * session (the client ID and identity, across reconnects of a persistent session) already had
   * accepted is {@link InboundPublish.Retransmission}: acknowledge, do not deliver again. Any other
   * repetition of the bytes is checked by the payload rules (and refused as a replay).
   *
   * @param packetId the PUBLISH packet identifier (ignored for QoS 0)
   * @param dup the PUBLISH DUP flag
   */
  InboundPublish inbound(
      String topic, int qos, boolean retain, byte[] payload, int packetId, boolean dup);

  /**
   * The will of a CONNECT, checked like a PUBLISH of the client ({@link #inbound}: topic limits,
   * ACL, then payload rules) for a broker that can or cannot publish a replaced will payload
   * ({@code capability}). The {@link WillVerdict.Allowed} verdict carries the {@link AcceptedWill}
   * to keep with the connection; every other verdict refuses the CONNECT. The rules are described
   * in one place, {@code WillRules}.
   */
  WillVerdict will(String topic, int qos, boolean retain, byte[] payload, WillPayloads capability);

  /**
   * Checks an accepted will again under the snapshot in force: when the connection was lost (before
   * publishing it) and after a reload. Decides the ACL and topic limits again; the payload rules
   * again only for a will whose payload they passed unchanged at CONNECT (a protected will is not
   * verified twice: that would be a replay). Denied once the session is revoked or closed.
   */
  WillVerdict recheckWill(AcceptedWill will);

  /**
   * What a broker may enforce natively for this client under the snapshot in force (the session is
   * first brought up to date, as for a decision): an {@link EnforcementPlan}, or {@link
   * Enforcement.Revoked} once the session is revoked or closed, when everything must be denied.
   * Never null.
   */
  Enforcement plan();

  /**
   * The broker has connected the client (after CONNACK success): confirms the client-ID claim for
   * takeover protection. With {@code cleanStart} (MQTT 3.1.1 clean session, MQTT 5 clean start) the
   * client's earlier session is gone, and with it the record of its accepted protected messages
   * (see {@link #inbound(String, int, boolean, byte[], int, boolean)}). Idempotent.
   */
  void connected(boolean cleanStart);

  /**
   * The connection ended, but the adapter keeps this session answering for packets the connection
   * sent before its end (until {@link #close}). From now on the session no longer counts as live:
   * it is not in {@link GuardMetrics#liveSessions()}, and if a reload or re-check revokes it, every
   * decision denies, but it is neither counted nor audited as a revoked live session nor reported
   * to the {@link RevocationListener} (there is no connection left to disconnect). Idempotent;
   * {@link #close} implies it.
   */
  void connectionEnded();

  /**
   * The connection ended (or the broker refused the client after authentication). If the client was
   * {@linkplain #connected connected}, its client ID stays reserved for the same principal for
   * {@code sessionExpiry} (the session's current expiry; zero releases it), replacing an earlier
   * reservation; otherwise only the claim of this CONNECT ends and {@code sessionExpiry} is
   * ignored. The record of accepted protected messages (see {@link #inbound(String, int, boolean,
   * byte[], int, boolean)}) is kept as long as the reservation (dropped at once for zero).
   * Idempotent; every later decision denies.
   */
  void close(Duration sessionExpiry);

  /** Whether the session was revoked by a reload or recheck (or closed): every decision denies. */
  boolean revoked();
}

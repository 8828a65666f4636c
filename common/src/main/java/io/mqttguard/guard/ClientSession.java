package io.mqttguard.guard;

import io.mqttguard.acl.Decision;
import io.mqttguard.identity.ClientIdentity;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

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
   * What a broker may enforce natively for this client under the snapshot in force (the session is
   * first brought up to date, as for a decision); {@code null} once the session is revoked or
   * closed, when everything must be denied.
   */
  @Nullable EnforcementPlan plan();

  /**
   * The broker has connected the client (after CONNACK success): confirms the client-ID claim for
   * takeover protection. Idempotent.
   */
  void connected();

  /**
   * The connection ended (or the broker refused the client after authentication, then with {@link
   * Duration#ZERO}). The client ID stays reserved for the same principal for {@code sessionExpiry}.
   * Idempotent; every later decision denies.
   */
  void close(Duration sessionExpiry);

  /** Whether the session was revoked by a reload or recheck (or closed): every decision denies. */
  boolean revoked();
}

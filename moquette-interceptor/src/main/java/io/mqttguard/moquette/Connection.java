package io.mqttguard.moquette;

import io.netty.channel.Channel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One hooked, admitted connection: the channel, the core's session and the decisions the hook made
 * for requests that Moquette will ask about again ({@code canWrite}, {@code canRead}).
 *
 * <p>Thread-safe: the hook writes on the connection's I/O thread, Moquette reads on its session
 * loops.
 */
final class Connection {
  private final String clientId;
  private final Channel channel;
  private final Gate.Session session;
  private final boolean cleanSession;
  private final ConcurrentHashMap<String, AtomicInteger> approvedPublishes =
      new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<SubscribeDecision> subscribeDecisions =
      new ConcurrentLinkedQueue<>();
  private final AtomicReference<Wills.@Nullable Will> will;
  private volatile boolean confirmed;

  Connection(
      String clientId,
      Channel channel,
      Gate.Session session,
      boolean cleanSession,
      Wills.@Nullable Will will) {
    this.clientId = clientId;
    this.channel = channel;
    this.session = session;
    this.cleanSession = cleanSession;
    this.will = new AtomicReference<>(will);
  }

  String clientId() {
    return clientId;
  }

  Channel channel() {
    return channel;
  }

  Gate.Session session() {
    return session;
  }

  boolean cleanSession() {
    return cleanSession;
  }

  /** Moquette sent CONNACK 0 for this connection. */
  boolean confirmed() {
    return confirmed;
  }

  void confirm() {
    confirmed = true;
  }

  /**
   * The client lost its right to be connected: its will is discarded for good (before the channel
   * is closed, so a connection loss seen afterwards finds no will).
   */
  void revoke() {
    will.set(null);
  }

  /** The client sent DISCONNECT: its will must not be published (MQTT 3.1.1 §3.14.4). */
  void discardWill() {
    will.set(null);
  }

  /** Takes the will (at most once), or null if there is none, it was discarded or revoked. */
  Wills.@Nullable Will takeWill() {
    return will.getAndSet(null);
  }

  /** The hook approved one PUBLISH on {@code topic}; Moquette's {@code canWrite} consumes it. */
  void approvePublish(String topic) {
    approvedPublishes.compute(
        topic,
        (t, n) -> {
          AtomicInteger c = n == null ? new AtomicInteger() : n;
          c.incrementAndGet();
          return c;
        });
  }

  /** Consumes one approval for {@code topic}; false if the hook approved none. */
  boolean consumePublishApproval(String topic) {
    boolean[] consumed = {false};
    approvedPublishes.computeIfPresent(
        topic,
        (t, n) -> {
          consumed[0] = true;
          return n.decrementAndGet() == 0 ? null : n;
        });
    return consumed[0];
  }

  /** The core's decision on one entry (filter at its requested QoS) of a forwarded SUBSCRIBE. */
  private record SubscribeDecision(String filter, boolean allowed) {}

  /**
   * Queues the core's decision for the next entry of the SUBSCRIBE being forwarded, in packet
   * order: Moquette 0.17 asks {@code canRead} exactly once per entry, in that order, on the
   * client's session loop, and grants the QoS the entry requested.
   */
  void queueSubscribeDecision(String filter, boolean allowed) {
    subscribeDecisions.add(new SubscribeDecision(filter, allowed));
  }

  /**
   * Takes the decision of the next queued SUBSCRIBE entry: {@code null} if none is queued; {@code
   * false} if the next entry is not {@code filter} (out of step with Moquette: deny, never guess).
   */
  @Nullable Boolean takeSubscribeDecision(String filter) {
    SubscribeDecision next = subscribeDecisions.poll();
    if (next == null) {
      return null;
    }
    return next.filter().equals(filter) && next.allowed();
  }
}

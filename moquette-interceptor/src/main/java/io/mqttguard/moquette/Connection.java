package io.mqttguard.moquette;

import io.netty.channel.Channel;
import java.util.concurrent.ConcurrentHashMap;
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
  private final ConcurrentHashMap<String, AtomicInteger> approvedSubscribes =
      new ConcurrentHashMap<>();
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
    count(approvedPublishes, topic);
  }

  /** Consumes one approval for {@code topic}; false if the hook approved none. */
  boolean consumePublishApproval(String topic) {
    return consume(approvedPublishes, topic);
  }

  /**
   * The core allowed one SUBSCRIBE entry for {@code filter} at the QoS it requests (which Moquette
   * grants); Moquette's {@code canRead} consumes it. Denied entries are forwarded with the filter
   * {@link SubscribeRewrite#DENIED_FILTER} instead, so they never consume an approval.
   */
  void approveSubscribe(String filter) {
    count(approvedSubscribes, filter);
  }

  /** Consumes one subscribe approval for {@code filter}; false if the hook approved none. */
  boolean consumeSubscribeApproval(String filter) {
    return consume(approvedSubscribes, filter);
  }

  private static void count(ConcurrentHashMap<String, AtomicInteger> approvals, String key) {
    approvals.compute(
        key,
        (t, n) -> {
          AtomicInteger c = n == null ? new AtomicInteger() : n;
          c.incrementAndGet();
          return c;
        });
  }

  private static boolean consume(ConcurrentHashMap<String, AtomicInteger> approvals, String key) {
    boolean[] consumed = {false};
    approvals.computeIfPresent(
        key,
        (t, n) -> {
          consumed[0] = true;
          return n.decrementAndGet() == 0 ? null : n;
        });
    return consumed[0];
  }
}

package io.mqttguard.moquette;

import io.mqttguard.guard.AcceptedWill;
import io.mqttguard.guard.ClientSession;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One hooked, admitted connection: the channel, the core's session, the will the core accepted at
 * CONNECT and whether Moquette confirmed the connection (CONNACK 0).
 *
 * <p>It keeps no record of the hook's PUBLISH or SUBSCRIBE decisions for Moquette's {@code
 * canWrite}/{@code canRead}: every PUBLISH and SUBSCRIBE passes the hook first, which decides it
 * with the core before Moquette sees it (see {@link GuardAuthorizator}).
 *
 * <p>Thread-safe: the hook writes on the connection's I/O thread, Moquette reads on its session
 * loops.
 */
final class Connection {
  private final String clientId;
  private final Channel channel;
  private final ClientSession session;
  private final boolean cleanSession;
  private final AtomicReference<@Nullable AcceptedWill> will;
  private volatile boolean confirmed;

  Connection(
      String clientId,
      Channel channel,
      ClientSession session,
      boolean cleanSession,
      @Nullable AcceptedWill will) {
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

  ClientSession session() {
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
  @Nullable AcceptedWill takeWill() {
    return will.getAndSet(null);
  }
}

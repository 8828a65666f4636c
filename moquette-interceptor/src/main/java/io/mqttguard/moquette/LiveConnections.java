package io.mqttguard.moquette;

import io.mqttguard.guard.ClientSession;
import io.netty.channel.Channel;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The connections that passed the hook, by client ID, and the hand-over of a CONNECT decision from
 * the hook to Moquette's synchronous {@code IAuthenticator} call on the same I/O thread.
 *
 * <p>Thread-safe. One instance per guarded broker (no static state).
 */
final class LiveConnections {
  /** The CONNECT being forwarded to Moquette on this thread, set only by the hook. */
  @SuppressWarnings("ThreadLocalUsage") // per broker on purpose: no static state (two brokers)
  private final ThreadLocal<@Nullable Connection> handoff = new ThreadLocal<>();

  private final ConcurrentHashMap<String, Connection> byClientId = new ConcurrentHashMap<>();

  /** Runs {@code forward} with {@code connection} visible to {@link #handedOff()}. */
  void withHandoff(Connection connection, Runnable forward) {
    handoff.set(connection);
    try {
      forward.run();
    } finally {
      handoff.remove();
    }
  }

  /** The connection whose CONNECT the hook is forwarding on this thread, or null. */
  @Nullable Connection handedOff() {
    return handoff.get();
  }

  /** Makes {@code connection} the live connection of its client ID. */
  void register(Connection connection) {
    byClientId.put(connection.clientId(), connection);
  }

  /** Forgets {@code connection} if it is still the live one for its client ID. */
  void unregister(Connection connection) {
    byClientId.remove(connection.clientId(), connection);
  }

  /** The live connection of {@code clientId}, or null. */
  @Nullable Connection get(@Nullable String clientId) {
    return clientId == null ? null : byClientId.get(clientId);
  }

  /** A snapshot of all live connections. */
  Collection<Connection> all() {
    return List.copyOf(byClientId.values());
  }

  /**
   * Disconnects the connections whose session matches (rights revoked by a reload): each is marked
   * revoked first, which discards its will for good (its rights are gone too; Moquette never holds
   * the will, see {@link Wills}), then its channel is closed.
   *
   * @return how many connections were disconnected
   */
  int disconnect(java.util.function.Predicate<ClientSession> revoked) {
    int n = 0;
    for (Connection c : all()) {
      if (revoked.test(c.session())) {
        c.revoke();
        var unused = c.channel().close();
        n++;
      }
    }
    return n;
  }

  /** Closes every live connection (used when the guard stops). */
  void closeAll() {
    for (Connection c : all()) {
      Channel ch = c.channel();
      var unused = ch.close();
    }
  }
}

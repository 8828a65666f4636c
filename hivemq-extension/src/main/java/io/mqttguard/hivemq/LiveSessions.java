package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import io.mqttguard.guard.ClientSession;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The guard sessions of the broker's live connections. Each accepted connection is tagged with a
 * unique token in its HiveMQ connection attribute store; decisions look the session up by that
 * token, so a late event of an old connection (e.g. one that was taken over) never acts for a newer
 * connection with the same client ID. A connection without a session gets {@code null}, and every
 * decision for it denies (fail closed).
 *
 * <p>Thread-safe. One instance per extension start (no static state).
 */
final class LiveSessions {
  static final String TOKEN_KEY = "io.mqttguard.connection";

  /** One accepted connection. */
  private record Live(ClientSession session, Duration sessionExpiry) {}

  private final ConcurrentHashMap<Long, Live> byToken = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> latestByClientId = new ConcurrentHashMap<>();
  private final AtomicLong tokens = new AtomicLong();

  /** Registers an accepted connection and tags it. */
  void add(ConnectionAttributeStore store, ClientSession session, Duration sessionExpiry) {
    long token = tokens.incrementAndGet();
    byToken.put(token, new Live(session, sessionExpiry));
    latestByClientId.put(session.identity().clientId(), token);
    store.put(TOKEN_KEY, ByteBuffer.allocate(Long.BYTES).putLong(0, token));
  }

  /** The session of exactly this connection, or {@code null} (then every decision denies). */
  @Nullable ClientSession find(String clientId, ConnectionAttributeStore store) {
    Long token = token(store);
    Live live = token == null ? null : byToken.get(token);
    return live != null && live.session().identity().clientId().equals(clientId)
        ? live.session()
        : null;
  }

  /** The connection ended: closes and forgets its session (idempotent). */
  void remove(ConnectionAttributeStore store) {
    Long token = token(store);
    Live live = token == null ? null : byToken.remove(token);
    if (live != null) {
      latestByClientId.remove(live.session().identity().clientId(), token);
      live.session().close(live.sessionExpiry());
    }
  }

  /** Whether {@code session} belongs to the newest connection of its client ID. */
  boolean isCurrent(ClientSession session) {
    Long token = latestByClientId.get(session.identity().clientId());
    Live live = token == null ? null : byToken.get(token);
    return live != null && live.session() == session;
  }

  /** Closes every session (extension stop). */
  void closeAll() {
    byToken.forEach(
        (token, live) -> {
          if (byToken.remove(token, live)) {
            live.session().close(live.sessionExpiry());
          }
        });
    latestByClientId.clear();
  }

  private static @Nullable Long token(ConnectionAttributeStore store) {
    Optional<ByteBuffer> tag = store.get(TOKEN_KEY);
    if (tag.isEmpty() || tag.get().remaining() != Long.BYTES) {
      return null;
    }
    return tag.get().getLong(tag.get().position());
  }
}

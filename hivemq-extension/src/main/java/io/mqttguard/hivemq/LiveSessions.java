package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import io.mqttguard.guard.ClientSession;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The guard sessions of the broker's live connections. Each accepted connection is tagged with a
 * unique token in its HiveMQ connection attribute store; decisions look the session up by that
 * token, so a late event of an old connection (e.g. one that was taken over) never acts for a newer
 * connection with the same client ID. A connection without a session gets {@code null}, and every
 * decision for it denies (fail closed).
 *
 * <p><b>Closing grace.</b> HiveMQ may report a disconnect before it has run our callbacks for
 * packets the connection sent just before it (a QoS 0 PUBLISH followed at once by DISCONNECT: the
 * publish authorizer task is queued behind the disconnect event). So {@link #disconnected} does not
 * close the session at once: the connection is no longer {@linkplain #isCurrent current}, but its
 * own token still resolves to its own session for {@link #CLOSE_GRACE}, then the session is closed.
 * Decisions made in that window use the connection's own rights; a session revoked meanwhile still
 * denies everything; a newer connection of the same client ID has its own token and is unaffected.
 *
 * <p>Thread-safe. One instance per extension start (no static state).
 */
final class LiveSessions {
  static final String TOKEN_KEY = "io.mqttguard.connection";

  /** How long a disconnected connection's queued callbacks may still use its session. */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  /** Runs a task once after a delay (HiveMQ's managed extension executor in production). */
  @FunctionalInterface
  interface Scheduler {
    /** Schedules {@code task}; may throw (e.g. rejected after shutdown), then it runs at once. */
    void schedule(Runnable task, Duration delay);
  }

  /** One accepted connection; {@code closing} once HiveMQ reported its disconnect. */
  private record Live(
      ClientSession session, Duration sessionExpiry, boolean closing, Connection connection) {}

  /**
   * What the adapter set up for one connection: whether it resumes a session (CONNECT without clean
   * start), the enforcement installed by the client initializer, and the filters of the SUBSCRIBEs
   * we allowed (a superset of its subscriptions; used to re-check them after a reload).
   * Thread-safe.
   */
  static final class Connection {
    private final boolean cleanStart;
    private volatile ClientHooks.@Nullable Installed installed;
    private final ConcurrentHashMap<String, Integer> subscriptions = new ConcurrentHashMap<>();

    Connection(boolean cleanStart) {
      this.cleanStart = cleanStart;
    }

    /** Whether the CONNECT asked for a clean start (no stored subscriptions or messages). */
    boolean cleanStart() {
      return cleanStart;
    }

    /** What the initializer installed, or {@code null} before it ran (or if it failed). */
    ClientHooks.@Nullable Installed installed() {
      return installed;
    }

    void installed(ClientHooks.Installed value) {
      installed = value;
    }

    /** Records a filter whose SUBSCRIBE we allowed, with the highest QoS allowed for it. */
    void subscribed(String filterOrShared, int qos) {
      subscriptions.merge(filterOrShared, qos, Math::max);
    }

    /** Filter → highest granted QoS of every SUBSCRIBE we allowed on this connection. */
    Map<String, Integer> subscriptions() {
      return Map.copyOf(subscriptions);
    }
  }

  private final ConcurrentHashMap<Long, Live> byToken = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> latestByClientId = new ConcurrentHashMap<>();
  private final AtomicLong tokens = new AtomicLong();
  private final Scheduler scheduler;
  private final Duration grace;

  /** Closes disconnected sessions {@code grace} after the disconnect, via {@code scheduler}. */
  LiveSessions(Scheduler scheduler, Duration grace) {
    this.scheduler = scheduler;
    this.grace = grace;
  }

  /** Registers an accepted connection (as resuming a session: no clean start) and tags it. */
  void add(ConnectionAttributeStore store, ClientSession session, Duration sessionExpiry) {
    add(store, session, sessionExpiry, false);
  }

  /** Registers an accepted connection and tags it. */
  void add(
      ConnectionAttributeStore store,
      ClientSession session,
      Duration sessionExpiry,
      boolean cleanStart) {
    long token = tokens.incrementAndGet();
    byToken.put(token, new Live(session, sessionExpiry, false, new Connection(cleanStart)));
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

  /** The adapter state of exactly this connection, or {@code null}. */
  @Nullable Connection connection(String clientId, ConnectionAttributeStore store) {
    Long token = token(store);
    Live live = token == null ? null : byToken.get(token);
    return live != null && live.session().identity().clientId().equals(clientId)
        ? live.connection()
        : null;
  }

  /** Calls {@code action} for every connection that is still current (not closing). */
  void forEachCurrent(BiConsumer<ClientSession, Connection> action) {
    byToken.forEach(
        (token, live) -> {
          if (!live.closing()) {
            action.accept(live.session(), live.connection());
          }
        });
  }

  /**
   * HiveMQ refused the connection after authentication accepted it: closes and forgets its session
   * at once (idempotent). No packet of it can be pending.
   */
  void remove(ConnectionAttributeStore store) {
    Long token = token(store);
    Live live = token == null ? null : byToken.remove(token);
    if (live != null) {
      latestByClientId.remove(live.session().identity().clientId(), token);
      live.session().close(live.sessionExpiry());
    }
  }

  /**
   * The connection ended: it stops being current now, and its session is closed after the grace
   * period (see the class comment). Idempotent; if scheduling fails the session is closed at once.
   */
  void disconnected(ConnectionAttributeStore store) {
    Long token = token(store);
    if (token == null) {
      return;
    }
    Live[] ended = {null};
    byToken.computeIfPresent(
        token,
        (t, live) -> {
          if (!live.closing()) {
            ended[0] = live;
            return new Live(live.session(), live.sessionExpiry(), true, live.connection());
          }
          return live;
        });
    if (ended[0] == null) {
      return;
    }
    latestByClientId.remove(ended[0].session().identity().clientId(), token);
    try {
      scheduler.schedule(() -> finishClosing(token), grace);
    } catch (RuntimeException e) {
      finishClosing(token);
    }
  }

  private void finishClosing(long token) {
    Live live = byToken.get(token);
    if (live != null && live.closing() && byToken.remove(token, live)) {
      live.session().close(live.sessionExpiry());
    }
  }

  /** Whether {@code session} belongs to the newest connection of its client ID, still connected. */
  boolean isCurrent(ClientSession session) {
    Long token = latestByClientId.get(session.identity().clientId());
    Live live = token == null ? null : byToken.get(token);
    return live != null && !live.closing() && live.session() == session;
  }

  /** Closes every session, closing ones included (extension stop). */
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

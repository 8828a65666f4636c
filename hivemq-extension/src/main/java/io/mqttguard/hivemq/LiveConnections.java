package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import io.mqttguard.guard.AcceptedWill;
import io.mqttguard.guard.ClientSession;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * inbound interceptor task is queued behind the disconnect event). So {@link #disconnected} does
 * not close the session at once: the connection is no longer {@linkplain #isConnected connected},
 * but its own token still resolves to its own session for {@link #CLOSE_GRACE}, then the session is
 * closed. Decisions made in that window use the connection's own rights; a session revoked
 * meanwhile still denies everything (the guard is told at once that the connection ended, so such a
 * revocation is not counted as one of a live session); a newer connection of the same client ID has
 * its own token and is unaffected. The grace is {@link #CLOSE_GRACE} unless configured (see {@link
 * MqttGuardExtensionMain#closeGrace}).
 *
 * <p><b>Connected.</b> A session counts as {@linkplain #isConnected connected} from its acceptance
 * until HiveMQ reports its connection's end, whatever other connections of the same client ID do
 * meanwhile: a revocation or re-check must reach every live connection, including one whose client
 * ID a newer CONNECT is about to take over (a takeover that never happens, e.g. a socket closed
 * during authentication, must not hide it). An accepted connection that never reached the client
 * initializer within {@link #SETUP_LIMIT} is forgotten and its session closed (checked lazily when
 * later connections are accepted: no timer, so nothing delays HiveMQ's shutdown).
 *
 * <p>Thread-safe. One instance per extension start (no static state).
 */
final class LiveConnections {
  static final String TOKEN_KEY = "io.mqttguard.connection";

  /** How long a disconnected connection's queued callbacks may still use its session (default). */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  /** How long an accepted connection may take to reach the client initializer. */
  static final Duration SETUP_LIMIT = Duration.ofSeconds(60);

  /** Runs a task once after a delay (HiveMQ's managed extension executor in production). */
  @FunctionalInterface
  interface Scheduler {
    /** Schedules {@code task}; may throw (e.g. rejected after shutdown), then it runs at once. */
    void schedule(Runnable task, Duration delay);
  }

  /** One accepted connection; {@code closing} once HiveMQ reported its disconnect. */
  private record Live(
      ClientSession session, Duration sessionExpiry, boolean closing, Connection connection) {}

  private final ConcurrentHashMap<Long, Live> byToken = new ConcurrentHashMap<>();

  /** An accepted connection and when it must have reached the initializer. */
  private record Pending(long token, Instant deadline) {}

  /** Accepted connections in acceptance order (so deadlines ascend), until their deadline. */
  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

  /** Token of each session (sessions compare by identity). */
  private final ConcurrentHashMap<ClientSession, Long> tokenBySession = new ConcurrentHashMap<>();

  private final AtomicLong tokens = new AtomicLong();
  private final Scheduler scheduler;
  private final Duration grace;
  private final Clock clock;

  /** As {@link #LiveConnections(Scheduler, Duration, Clock)} with the system clock. */
  LiveConnections(Scheduler scheduler, Duration grace) {
    this(scheduler, grace, Clock.systemUTC());
  }

  /**
   * Closes disconnected sessions {@code grace} after the disconnect via {@code scheduler}; measures
   * {@link #SETUP_LIMIT} with {@code clock}.
   */
  LiveConnections(Scheduler scheduler, Duration grace, Clock clock) {
    this.scheduler = scheduler;
    this.grace = grace;
    this.clock = clock;
  }

  /** Registers an accepted connection (as resuming a session: no clean start) and tags it. */
  void add(ConnectionAttributeStore store, ClientSession session, Duration sessionExpiry) {
    add(store, session, sessionExpiry, false, null);
  }

  /** Registers an accepted connection with its accepted will (or {@code null}) and tags it. */
  void add(
      ConnectionAttributeStore store,
      ClientSession session,
      Duration sessionExpiry,
      boolean cleanStart,
      @Nullable AcceptedWill will) {
    Instant now = clock.instant();
    forgetStale(now);
    long token = tokens.incrementAndGet();
    byToken.put(token, new Live(session, sessionExpiry, false, new Connection(cleanStart, will)));
    tokenBySession.put(session, token);
    pending.add(new Pending(token, now.plus(SETUP_LIMIT)));
    store.put(TOKEN_KEY, ByteBuffer.allocate(Long.BYTES).putLong(0, token));
  }

  /** Forgets the connections whose setup deadline passed without reaching the initializer. */
  private void forgetStale(Instant now) {
    for (Pending p = pending.peek(); p != null && !p.deadline().isAfter(now); p = pending.peek()) {
      if (pending.remove(p)) {
        forgetIfNeverSetUp(p.token());
      }
    }
  }

  private void forgetIfNeverSetUp(long token) {
    Live live = byToken.get(token);
    if (live != null && !live.connection().initialized() && byToken.remove(token, live)) {
      tokenBySession.remove(live.session(), token);
      live.session().close(live.sessionExpiry());
    }
  }

  /** The session of the connection a HiveMQ callback is about, or {@code null} (deny). */
  @Nullable ClientSession find(ClientBasedInput input) {
    return find(
        input.getClientInformation().getClientId(),
        input.getConnectionInformation().getConnectionAttributeStore());
  }

  /** The adapter state of the connection a HiveMQ callback is about, or {@code null}. */
  @Nullable Connection connection(ClientBasedInput input) {
    return connection(
        input.getClientInformation().getClientId(),
        input.getConnectionInformation().getConnectionAttributeStore());
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
      tokenBySession.remove(live.session(), token);
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
    ended[0].session().connectionEnded(); // no longer a live connection for the guard's counts
    try {
      scheduler.schedule(() -> finishClosing(token), grace);
    } catch (RuntimeException e) {
      finishClosing(token);
    }
  }

  private void finishClosing(long token) {
    Live live = byToken.get(token);
    if (live != null && live.closing() && byToken.remove(token, live)) {
      tokenBySession.remove(live.session(), token);
      live.session().close(live.sessionExpiry());
    }
  }

  /**
   * Whether {@code session} belongs to an accepted connection that HiveMQ has not reported ended
   * (see the class comment: newer connections of the same client ID do not matter).
   */
  boolean isConnected(ClientSession session) {
    Long token = tokenBySession.get(session);
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
    tokenBySession.clear();
    pending.clear();
  }

  private static @Nullable Long token(ConnectionAttributeStore store) {
    Optional<ByteBuffer> tag = store.get(TOKEN_KEY);
    if (tag.isEmpty() || tag.get().remaining() != Long.BYTES) {
      return null;
    }
    return tag.get().getLong(tag.get().position());
  }
}

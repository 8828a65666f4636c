package io.mqttguard.auth;

import io.mqttguard.audit.AuditSink;
import io.mqttguard.identity.ClientIdentity;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Decides CONNECT attempts: transport rules, credentials (password, certificate or both, per
 * listener), lockout, client-ID binding and session-takeover protection; resolves the {@link
 * ClientIdentity}. Every decision is audited (never with a password or hash).
 *
 * <p>Thread-safe; one instance per broker. Slow password hashing runs on the executor given to
 * {@link #create}; cheap decisions (rejections before hashing, cache hits, certificates) complete
 * on the calling thread. The returned future never completes exceptionally: any internal failure
 * becomes a {@link AuthResult.Rejected}.
 *
 * <p>Session lifecycle: an accepted CONNECT claims its client ID for the identity. The adapter
 * reports {@link #onConnected} once the broker has connected the client, and {@link
 * #onDisconnected} when that connection ends (with the session's current expiry, during which the
 * client ID stays reserved for the same identity: each disconnect replaces the previous
 * reservation, so a clean session after a persistent one leaves none), or {@link #onAbandoned} if
 * the client was refused after authentication and never connected.
 */
public interface Authenticator {

  /** Authenticates one CONNECT; see the class contract. */
  CompletableFuture<AuthResult> authenticate(ConnectRequest request);

  /** The broker connected a client with this (accepted) identity. */
  void onConnected(ClientIdentity identity);

  /**
   * A connection of {@code identity} that was {@linkplain #onConnected connected} ended; its client
   * ID stays reserved for the same principal for {@code sessionExpiry} from now (the session's
   * current MQTT session expiry; {@link Duration#ZERO} for a clean session, which releases it),
   * replacing any earlier reservation.
   */
  void onDisconnected(ClientIdentity identity, Duration sessionExpiry);

  /**
   * An accepted CONNECT of {@code identity} never became a connection (the broker or the adapter
   * refused the client after authentication): its claim on the client ID ends, while a reservation
   * left by an earlier session of the same principal, and its live connections, are unaffected.
   */
  void onAbandoned(ClientIdentity identity);

  /**
   * Re-checks a live client against the current configuration (after a reload, or periodically for
   * certificate expiry): the password user still exists and is not disabled, the certificate chain
   * is still valid, not revoked and still maps to the same username, every role the identity holds
   * is still granted, and the client ID is still allowed. Never adds roles: a client whose grants
   * changed is rejected and gets its new grants when it reconnects. A password change alone does
   * not end live sessions (disable or remove the user for that). Audited as event {@code recheck}.
   *
   * @param accepted the result the client connected with
   * @param tls the connection's TLS facts (required for certificate identities)
   * @return {@code accepted} if the client may stay connected, otherwise a rejection to act on
   */
  default AuthResult recheck(AuthResult.Accepted accepted, @Nullable TlsFacts tls) {
    return recheck(accepted, tls, config());
  }

  /**
   * As {@link #recheck(AuthResult.Accepted, TlsFacts)}, but against {@code against} instead of the
   * current configuration: a session that is about to be bound to a configuration snapshot is
   * re-checked against that same snapshot, never against a newer one that a concurrent reload has
   * already handed to the authenticator.
   */
  AuthResult recheck(AuthResult.Accepted accepted, @Nullable TlsFacts tls, AuthConfig against);

  /** Swaps in a new configuration snapshot; cached verifications are discarded. */
  void update(AuthConfig config);

  /** The current configuration snapshot. */
  AuthConfig config();

  /**
   * A bounded executor suitable for {@link #create}: {@code threads} daemon threads named {@code
   * mqttguard-auth-N}, a queue of {@code queueCapacity} tasks, and rejection (never caller-runs)
   * when full, so an overload becomes {@link RejectReason#SERVER_BUSY} instead of blocking a broker
   * thread. The caller owns it and shuts it down with the broker.
   */
  static ExecutorService newHashingExecutor(int threads, int queueCapacity) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueCapacity),
        r -> {
          Thread t = new Thread(r, "mqttguard-auth-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * Creates an authenticator.
   *
   * @param config the initial configuration
   * @param hashingExecutor a bounded executor for password hashing (never the broker's I/O
   *     threads); if it rejects work, the CONNECT is rejected with {@link RejectReason#SERVER_BUSY}
   * @param audit receives one event per decision
   * @param clock time source for certificate validity, lockout and caches
   * @param random randomness for the cache MAC key and decoy hashes
   */
  static Authenticator create(
      AuthConfig config,
      Executor hashingExecutor,
      AuditSink audit,
      Clock clock,
      SecureRandom random) {
    return new DefaultAuthenticator(config, hashingExecutor, audit, clock, random);
  }
}

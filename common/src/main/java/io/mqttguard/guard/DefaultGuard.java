package io.mqttguard.guard;

import io.mqttguard.acl.Decision;
import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.Authenticator;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.RejectReason;
import io.mqttguard.auth.TlsFacts;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.payload.KeyUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Guard}: one volatile {@link ConfigSnapshot}, the authenticator, the live sessions and
 * the reload machinery. Thread-safe.
 */
final class DefaultGuard implements Guard, SessionHost {
  private static final Logger LOG = LoggerFactory.getLogger(Guard.class);

  private final GuardOptions options;
  private final Authenticator authenticator;
  private final @Nullable ExecutorService ownedExecutor;
  private final Set<DefaultClientSession> live = ConcurrentHashMap.newKeySet();
  private final Counters counters;
  private final KeyUsageSaver keyUsageSaver;
  private final Reloader reloader;
  private final AcceptedPublishes acceptedPublishes;
  private volatile ConfigSnapshot current;
  private volatile @Nullable AutoReload autoReload;

  private DefaultGuard(
      GuardOptions options,
      ConfigSnapshot first,
      Authenticator authenticator,
      @Nullable ExecutorService ownedExecutor,
      SnapshotLoader loader,
      KeyUsage keyUsage) {
    this.options = options;
    this.counters = new Counters(this::liveConnections, keyUsage);
    this.keyUsageSaver = new KeyUsageSaver(keyUsage, this::keyUsageFile);
    this.current = first;
    this.authenticator = authenticator;
    this.ownedExecutor = ownedExecutor;
    this.acceptedPublishes =
        new AcceptedPublishes(AcceptedPublishes.DEFAULT_CAPACITY, options.clock());
    this.reloader =
        new Reloader(
            loader,
            () -> current,
            this::apply,
            options.audit(),
            options.clock(),
            counters,
            options.reloadListener());
  }

  static Guard open(GuardOptions o) throws ConfigException {
    KeyUsage keyUsage = KeyUsage.create(o.audit(), o.clock());
    SnapshotLoader loader = new SnapshotLoader(o.configDir(), o.clock(), o.audit(), keyUsage);
    ConfigSnapshot first = loader.loadFirst();
    for (ConfigProblem w : first.warnings()) {
      LOG.warn("{}", w);
    }
    ExecutorService owned =
        o.hashingExecutor() == null
            ? Authenticator.newHashingExecutor(o.hashingThreads(), 1024)
            : null;
    Executor exec = owned != null ? owned : requireExecutor(o.hashingExecutor());
    Authenticator auth = Authenticator.create(first.auth(), exec, o.audit(), o.clock(), o.random());
    DefaultGuard g = new DefaultGuard(o, first, auth, owned, loader, keyUsage);
    g.keyUsageSaver.start();
    if (!o.reloadInterval().isZero()) {
      g.autoReload =
          AutoReload.start(
              o.configDir(), o.reloadInterval(), o.watchFiles(), o.debounce(), g::periodic);
    }
    LOG.info("MQTT Guard loaded {} (files {})", o.configDir(), first.files());
    return g;
  }

  private static Executor requireExecutor(@Nullable Executor e) {
    if (e == null) {
      throw new IllegalStateException("no hashing executor");
    }
    return e;
  }

  @Override
  public CompletableFuture<ConnectOutcome> connect(ConnectRequest request) {
    ConfigSnapshot checkedAgainst = current;
    CompletableFuture<AuthResult> auth;
    try {
      auth = authenticator.authenticate(request);
    } catch (RuntimeException e) {
      auth = CompletableFuture.completedFuture(internalError(e));
    }
    return auth.handle(
        (result, failure) -> {
          try {
            return outcome(
                failure == null ? result : internalError(failure),
                request.tls(),
                request.listener(),
                checkedAgainst);
          } catch (RuntimeException e) {
            counters.increment(GuardMetric.AUTH_FAILURE);
            return new ConnectOutcome.Rejected(
                RejectReason.NOT_AUTHORIZED, "internal error: " + e.getClass().getName());
          }
        });
  }

  private ConnectOutcome outcome(
      AuthResult result, @Nullable TlsFacts tls, String listener, ConfigSnapshot checkedAgainst) {
    if (result instanceof AuthResult.Accepted a) {
      ConfigSnapshot now = current;
      if (now.generation() != checkedAgainst.generation()
          && recheck(a, tls, listener, now) instanceof AuthResult.Rejected late) {
        // A reload happened while this CONNECT was being authenticated, and the new
        // configuration does not admit the client: refuse it rather than connect and revoke.
        authenticator.onAbandoned(a.identity());
        counters.increment(GuardMetric.AUTH_FAILURE);
        return new ConnectOutcome.Rejected(late.reason(), late.auditDetail());
      }
      counters.increment(GuardMetric.AUTH_SUCCESS);
      switch (a.passwordCheck()) {
        case CACHE -> counters.increment(GuardMetric.AUTH_CACHE_HIT);
        case HASH -> counters.increment(GuardMetric.AUTH_CACHE_MISS);
        case NONE -> {}
      }
      DefaultClientSession s =
          new DefaultClientSession(this, a, tls, listener, now, new AuditBudget(options.clock()));
      live.add(s);
      return new ConnectOutcome.Accepted(s);
    }
    counters.increment(GuardMetric.AUTH_FAILURE);
    AuthResult.Rejected r = (AuthResult.Rejected) result;
    return new ConnectOutcome.Rejected(r.reason(), r.auditDetail());
  }

  private static AuthResult internalError(Throwable t) {
    return new AuthResult.Rejected(
        RejectReason.NOT_AUTHORIZED, "internal error: " + t.getClass().getName());
  }

  @Override
  public ConfigSnapshot snapshot() {
    return current;
  }

  @Override
  public ReloadOutcome reload() {
    return reloader.check();
  }

  /** The automatic check: reload, then revoke clients whose certificate expired. */
  private void periodic() {
    var unused = reload();
    var unusedCount = recheckExpiredCertificates();
  }

  /**
   * Re-checks every live client whose certificate chain has expired at the clock (they are then
   * revoked); returns how many were revoked.
   */
  int recheckExpiredCertificates() {
    ConfigSnapshot now = current;
    int revoked = 0;
    for (DefaultClientSession s : live) {
      if (s.certificateExpiredAt(options.clock().instant())
          && s.refresh(now, true) == null
          && !s.ended()) {
        revoked++;
      }
    }
    return revoked;
  }

  /**
   * Puts {@code next} in force, then brings every session up to date (those whose connection ended
   * too, so that they deny if revoked); returns how many live connections it re-checked and
   * revoked.
   */
  private Reloader.Rechecked apply(ConfigSnapshot next) {
    long before = counters.count(GuardMetric.SESSIONS_REVOKED);
    authenticator.update(next.auth());
    current = next;
    int rechecked = 0;
    for (DefaultClientSession s : live) {
      if (!s.ended()) {
        rechecked++;
      }
      var unused = s.refresh(next, false);
    }
    return new Reloader.Rechecked(
        rechecked, (int) (counters.count(GuardMetric.SESSIONS_REVOKED) - before));
  }

  /** Sessions whose connection has not ended (a session in its closing grace is not counted). */
  private int liveConnections() {
    return (int) live.stream().filter(s -> !s.ended()).count();
  }

  @Override
  public GuardMetrics metrics() {
    return counters;
  }

  /** The key usage file of the configuration in force, resolved, or {@code null}. */
  private @Nullable Path keyUsageFile() {
    String file = current.payload().keyUsageFile();
    return file == null ? null : options.configDir().resolve(file);
  }

  /** Persists the key usage counts now (what the periodic save and {@link #close} do). */
  void saveKeyUsage() {
    keyUsageSaver.save();
  }

  @Override
  public void close() {
    keyUsageSaver.close();
    AutoReload a = autoReload;
    if (a != null) {
      a.close();
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
  }

  // --- SessionHost ---

  @Override
  public ConfigSnapshot current() {
    return current;
  }

  @Override
  public AuthResult recheck(
      AuthResult.Accepted accepted,
      @Nullable TlsFacts tls,
      String listener,
      ConfigSnapshot against) {
    return ListenerRecheck.recheck(authenticator, accepted, tls, listener, against.auth());
  }

  @Override
  public void connected(DefaultClientSession session, boolean cleanStart) {
    authenticator.onConnected(session.identity());
    acceptedPublishes.started(session.identity(), cleanStart);
  }

  @Override
  public AcceptedPublishes acceptedPublishes() {
    return acceptedPublishes;
  }

  @Override
  public void revoked(DefaultClientSession session, String detail) {
    live.remove(session);
    if (session.ended()) {
      return; // its decisions deny from now on; there is no live connection to count or end
    }
    counters.increment(GuardMetric.SESSIONS_REVOKED);
    try {
      options.audit().record(AuditEvents.revokeEvent(options.clock().instant(), session, detail));
    } catch (RuntimeException e) {
      LOG.warn("audit sink failed for a revoke event: {}", e.getClass().getName());
    }
    try {
      options.revocationListener().revoked(session, detail);
    } catch (RuntimeException e) {
      LOG.error("revocation listener failed for {}: {}", session, e.toString());
    }
  }

  @Override
  public void closed(DefaultClientSession session, Duration sessionExpiry) {
    live.remove(session);
    if (session.wasConnected()) {
      authenticator.onDisconnected(session.identity(), sessionExpiry);
      acceptedPublishes.ended(session.identity(), sessionExpiry);
    } else {
      authenticator.onAbandoned(session.identity());
    }
  }

  @Override
  public void auditDeny(
      DefaultClientSession session,
      String action,
      String topic,
      Decision decision,
      long suppressed) {
    try {
      options
          .audit()
          .record(
              AuditEvents.denyEvent(
                  options.clock().instant(), session, action, topic, decision, suppressed));
    } catch (RuntimeException e) {
      LOG.warn("audit sink failed for a {} event: {}", action, e.getClass().getName());
    }
  }

  @Override
  public void count(GuardMetric metric) {
    counters.increment(metric);
  }
}

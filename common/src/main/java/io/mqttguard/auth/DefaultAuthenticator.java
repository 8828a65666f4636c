package io.mqttguard.auth;

import static io.mqttguard.audit.AuditText.IDENTIFIER_CHARS;

import io.mqttguard.audit.AuditSink;
import io.mqttguard.audit.AuditText;
import io.mqttguard.identity.ClientIdentity;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/** The {@link Authenticator}. Thread-safe: all mutable state is concurrent or volatile. */
final class DefaultAuthenticator implements Authenticator {
  /** The configuration and what is derived from it, swapped as one. */
  private record Snapshot(AuthConfig config, PasswordHash decoy) {}

  private final Executor executor;
  private final ConnectAudit audit;
  private final Clock clock;
  private final SecureRandom random;
  private final SessionRegistry sessions;
  private volatile Snapshot snapshot;
  private volatile Lockout lockout;
  private volatile VerificationCache cache;

  DefaultAuthenticator(
      AuthConfig config, Executor executor, AuditSink audit, Clock clock, SecureRandom random) {
    this.executor = executor;
    this.audit = new ConnectAudit(audit, clock);
    this.clock = clock;
    this.random = random;
    this.sessions = new SessionRegistry(clock);
    this.snapshot = snapshotOf(config);
    this.lockout = new Lockout(config.settings().lockout(), clock);
    this.cache = new VerificationCache(config.settings().cache(), clock, random);
  }

  private Snapshot snapshotOf(AuthConfig config) {
    PasswordHash typical = config.users().representativeHash();
    PasswordHash decoy =
        typical != null ? typical.decoy(random) : PasswordHasher.defaultDecoy(random);
    return new Snapshot(config, decoy);
  }

  @Override
  public synchronized void update(AuthConfig config) {
    Snapshot next = snapshotOf(config);
    if (!config.settings().lockout().equals(lockout.settings())) {
      lockout = new Lockout(config.settings().lockout(), clock);
    }
    if (!config.settings().cache().equals(cache.settings())) {
      cache = new VerificationCache(config.settings().cache(), clock, random);
    }
    snapshot = next;
    cache.invalidateAll();
  }

  @Override
  public AuthResult recheck(
      AuthResult.Accepted accepted, @Nullable TlsFacts tls, AuthConfig against) {
    AuthResult r;
    try {
      r = Recheck.recheck(accepted, tls, against, clock);
    } catch (RuntimeException e) {
      r = internalError(e);
    }
    audit.recordRecheck(accepted.identity(), r);
    return r;
  }

  @Override
  public AuthConfig config() {
    return snapshot.config();
  }

  @Override
  public void onConnected(ClientIdentity identity) {
    sessions.connected(identity.clientId(), SessionRegistry.principalOf(identity));
  }

  @Override
  public void onDisconnected(ClientIdentity identity, Duration sessionExpiry) {
    sessions.disconnected(
        identity.clientId(), SessionRegistry.principalOf(identity), sessionExpiry);
  }

  @Override
  public void onAbandoned(ClientIdentity identity) {
    sessions.abandoned(identity.clientId(), SessionRegistry.principalOf(identity));
  }

  SessionRegistry sessions() {
    return sessions;
  }

  Lockout lockout() {
    return lockout;
  }

  @Override
  public CompletableFuture<AuthResult> authenticate(ConnectRequest request) {
    CompletableFuture<AuthResult> flow;
    try {
      flow = decide(request, snapshot);
    } catch (Throwable t) { // NOPMD: nothing may escape to the broker
      flow = CompletableFuture.completedFuture(internalError(t));
    }
    return flow.handle(
        (result, error) -> {
          AuthResult r = error != null || result == null ? internalError(error) : result;
          try {
            audit.record(request, r);
          } catch (Throwable t) { // auditing must never turn a decision into an exception
            return r;
          }
          return r;
        });
  }

  private static AuthResult internalError(@Nullable Throwable t) {
    return reject(
        RejectReason.NOT_AUTHORIZED,
        "internal error: " + (t == null ? "no result" : t.getClass().getSimpleName()));
  }

  private CompletableFuture<AuthResult> decide(ConnectRequest req, Snapshot snap) {
    ListenerPolicy policy = snap.config().settings().policyFor(req.listener());
    AuthResult early = InputScreen.screen(req, policy);
    if (early != null) {
      return done(early);
    }
    TlsFacts tls = req.tls();
    String username = req.username();
    CertificateCheck.Outcome cert = null;
    if (tls != null && !tls.peerChain().isEmpty() && policy.mode() != AuthMode.PASSWORD) {
      cert =
          CertificateCheck.check(
              tls.peerChain(), snap.config().users(), snap.config().settings().revocation(), clock);
    }
    return switch (policy.mode()) {
      case PASSWORD ->
          username != null ? password(req, snap, username, null) : anonymousOr(req, policy, snap);
      case CERTIFICATE ->
          cert == null ? anonymousOr(req, policy, snap) : certificate(req, snap, cert);
      case CERTIFICATE_OR_PASSWORD -> {
        if (cert instanceof CertificateCheck.NoMatch && username != null) {
          yield password(req, snap, username, null);
        }
        yield cert != null
            ? certificate(req, snap, cert)
            : username != null
                ? password(req, snap, username, null)
                : anonymousOr(req, policy, snap);
      }
      case CERTIFICATE_AND_PASSWORD -> twoFactor(req, snap, cert, username);
    };
  }

  private CompletableFuture<AuthResult> anonymousOr(
      ConnectRequest req, ListenerPolicy policy, Snapshot snap) {
    if (policy.allowAnonymous() && req.username() == null && !req.hasPassword()) {
      return done(finish(req, snap, Candidate.anonymous(), AuthResult.PasswordCheck.NONE));
    }
    return done(
        reject(
            policy.mode() == AuthMode.PASSWORD
                ? RejectReason.BAD_USER_NAME_OR_PASSWORD
                : RejectReason.NOT_AUTHORIZED,
            "no credentials for mode " + policy.mode().jsonName()));
  }

  private CompletableFuture<AuthResult> certificate(
      ConnectRequest req, Snapshot snap, CertificateCheck.Outcome cert) {
    if (cert instanceof CertificateCheck.Mapped m) {
      return done(finish(req, snap, m.candidate(), AuthResult.PasswordCheck.NONE));
    }
    String detail =
        cert instanceof CertificateCheck.Invalid i
            ? i.detail()
            : ((CertificateCheck.NoMatch) cert).detail();
    return done(reject(RejectReason.NOT_AUTHORIZED, detail));
  }

  private CompletableFuture<AuthResult> twoFactor(
      ConnectRequest req,
      Snapshot snap,
      CertificateCheck.@Nullable Outcome cert,
      @Nullable String username) {
    if (!(cert instanceof CertificateCheck.Mapped m)) {
      return cert == null
          ? done(reject(RejectReason.NOT_AUTHORIZED, "client certificate required"))
          : certificate(req, snap, cert);
    }
    if (username == null || !username.equals(m.candidate().username())) {
      return done(
          reject(
              RejectReason.BAD_USER_NAME_OR_PASSWORD,
              "username must equal the certificate identity"));
    }
    return password(req, snap, username, m.candidate());
  }

  private CompletableFuture<AuthResult> password(
      ConnectRequest req, Snapshot snap, String username, @Nullable Candidate certIdentity) {
    byte[] pw = req.passwordUnsafe();
    if (pw == null) {
      return done(reject(RejectReason.BAD_USER_NAME_OR_PASSWORD, "no password"));
    }
    Lockout lock = lockout;
    Instant blocked = lock.blockedUntil(username, req.remoteAddress());
    if (blocked != null) {
      return done(reject(RejectReason.BANNED, "locked out until " + blocked));
    }
    UserEntry user = snap.config().users().user(username);
    PasswordHash hash = user == null ? null : user.hash();
    VerificationCache c = cache;
    String key = user == null || hash == null ? null : c.keyFor(username, pw, user.hashEncoding());
    if (key != null && c.contains(key)) {
      return done(verified(req, snap, user, certIdentity, true, AuthResult.PasswordCheck.CACHE));
    }
    PasswordHash toVerify = hash == null ? snap.decoy() : hash;
    try {
      return CompletableFuture.supplyAsync(() -> toVerify.verify(pw) && user != null, executor)
          .thenApply(
              ok -> {
                if (ok && key != null) {
                  c.put(key);
                }
                return verified(req, snap, user, certIdentity, ok, AuthResult.PasswordCheck.HASH);
              });
    } catch (RejectedExecutionException e) {
      return done(reject(RejectReason.SERVER_BUSY, "hashing executor rejected the work"));
    }
  }

  private AuthResult verified(
      ConnectRequest req,
      Snapshot snap,
      @Nullable UserEntry user,
      @Nullable Candidate certIdentity,
      boolean ok,
      AuthResult.PasswordCheck how) {
    if (!ok || user == null) {
      lockout.recordFailure(req.username(), req.remoteAddress(), user != null);
      return reject(
          RejectReason.BAD_USER_NAME_OR_PASSWORD,
          user == null
              ? "unknown user"
              : user.hash() == null ? "user has no password" : "wrong password");
    }
    lockout.recordSuccess(user.name());
    if (user.disabled()) {
      return reject(RejectReason.NOT_AUTHORIZED, "user " + user.name() + " is disabled");
    }
    Candidate cand = certIdentity == null ? Candidate.of(user) : certIdentity.with(user);
    return finish(req, snap, cand, how);
  }

  /** Client-ID binding, role-listener restrictions, takeover protection; then the acceptance. */
  private AuthResult finish(
      ConnectRequest req, Snapshot snap, Candidate cand, AuthResult.PasswordCheck how) {
    if (!cand.clientIdAllowed(req.clientId())) {
      return reject(
          RejectReason.CLIENT_IDENTIFIER_NOT_VALID,
          "client ID not allowed for " + cand.decidedBy());
    }
    for (String role : cand.roles()) {
      Set<String> allowed = snap.config().settings().roleListeners().get(role);
      if (allowed != null && !allowed.contains(req.listener())) {
        return reject(
            RejectReason.NOT_AUTHORIZED,
            "role "
                + role
                + " may not connect on listener "
                + AuditText.sanitize(req.listener(), IDENTIFIER_CHARS));
      }
    }
    if (!sessions.tryClaim(req.clientId(), cand.principal())) {
      return reject(
          RejectReason.CLIENT_IDENTIFIER_NOT_VALID,
          "client ID is held by another identity (session takeover refused)");
    }
    return new AuthResult.Accepted(
        cand.toIdentity(req.clientId()), cand.factors(), how, cand.decidedBy(how));
  }

  private static AuthResult reject(RejectReason reason, String detail) {
    return new AuthResult.Rejected(reason, detail);
  }

  private static CompletableFuture<AuthResult> done(AuthResult r) {
    return CompletableFuture.completedFuture(r);
  }
}

package io.mqttguard.guard;

import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.TlsFacts;
import io.mqttguard.identity.ClientIdentity;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ClientSession} of one accepted connection. Holds the snapshot it was last checked
 * against; a decision that finds a newer snapshot in force first re-checks the client and
 * recompiles its policy (under the session's lock, so it happens once per snapshot). Thread-safe:
 * decisions read one volatile {@link Bound}.
 */
final class Session implements ClientSession {
  private enum State {
    ACTIVE,
    REVOKED,
    CLOSED
  }

  /** What decisions use: the snapshot this session was checked against. */
  record Bound(ConfigSnapshot snapshot) {}

  private final SessionHost host;
  private final AuthResult.Accepted accepted;
  private final @Nullable TlsFacts tls;
  private final String listener;
  private final @Nullable Instant certificateExpiry;
  private volatile Bound bound;
  private volatile State state = State.ACTIVE;
  private volatile boolean connected;

  /**
   * @param checkedAgainst the snapshot that was in force when authentication started: if a reload
   *     happened since, the first decision re-checks the client
   */
  Session(
      SessionHost host,
      AuthResult.Accepted accepted,
      @Nullable TlsFacts tls,
      String listener,
      ConfigSnapshot checkedAgainst) {
    this.host = host;
    this.accepted = accepted;
    this.tls = tls;
    this.listener = listener;
    this.certificateExpiry = earliestExpiry(tls);
    this.bound = bind(checkedAgainst);
  }

  private static @Nullable Instant earliestExpiry(@Nullable TlsFacts tls) {
    Instant min = null;
    if (tls != null) {
      for (X509Certificate c : tls.peerChain()) {
        Instant t = c.getNotAfter().toInstant();
        min = min == null || t.isBefore(min) ? t : min;
      }
    }
    return min;
  }

  /** Whether a certificate of the client's chain has expired at {@code now}. */
  boolean certificateExpiredAt(Instant now) {
    Instant e = certificateExpiry;
    return e != null && now.isAfter(e);
  }

  @Override
  public ClientIdentity identity() {
    return accepted.identity();
  }

  @Override
  public String listener() {
    return listener;
  }

  @Override
  public void connected() {
    if (!connected && state == State.ACTIVE) {
      connected = true;
      host.connected(this);
    }
  }

  @Override
  public void close(Duration sessionExpiry) {
    State previous;
    synchronized (this) {
      previous = state;
      state = State.CLOSED;
    }
    if (previous != State.CLOSED) {
      host.closed(this, sessionExpiry);
    }
  }

  @Override
  public boolean revoked() {
    return state != State.ACTIVE;
  }

  /** The generation of the snapshot this session was last checked against. */
  long generation() {
    return bound.snapshot().generation();
  }

  /**
   * Brings the session up to date with the snapshot in force.
   *
   * @return the binding to decide with, or {@code null} if the session is revoked or closed
   */
  @Nullable Bound current() {
    Bound b = bound;
    if (state != State.ACTIVE) {
      return null;
    }
    ConfigSnapshot now = host.current();
    return b.snapshot().generation() == now.generation() ? b : refresh(now, false);
  }

  /**
   * Re-checks the client against {@code now} (also when already bound to it if {@code force}, e.g.
   * for certificate expiry) and rebinds.
   *
   * @return the new binding, or {@code null} if the client was revoked
   */
  @Nullable Bound refresh(ConfigSnapshot now, boolean force) {
    String revokedFor;
    synchronized (this) {
      if (state != State.ACTIVE) {
        return null;
      }
      if (!force && bound.snapshot().generation() == now.generation()) {
        return bound;
      }
      AuthResult r = host.recheck(accepted, tls);
      if (r instanceof AuthResult.Rejected rejected) {
        state = State.REVOKED;
        revokedFor = rejected.auditDetail();
      } else {
        bound = bind(now);
        return bound;
      }
    }
    host.revoked(this, revokedFor);
    return null;
  }

  private Bound bind(ConfigSnapshot snapshot) {
    return new Bound(snapshot);
  }

  @Override
  public String toString() {
    return "ClientSession[" + accepted.identity().clientId() + ", " + state + "]";
  }
}

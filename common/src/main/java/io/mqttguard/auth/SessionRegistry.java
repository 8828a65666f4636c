package io.mqttguard.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which principal holds which client ID, so that a CONNECT with a client ID held by a different
 * principal is rejected instead of taking over the session (mosquitto #3553). A claim is made when
 * authentication accepts; it is pending until the adapter reports the connection, online while
 * connections exist, and held after the last disconnect for the expiry of the session that
 * disconnected: each disconnect <em>replaces</em> the hold (a persistent session followed by a
 * clean one of the same principal leaves no hold; expiry zero releases at once). A pending claim
 * keeps the previous hold, and an {@linkplain #abandoned abandoned} claim (never connected) leaves
 * it, and the principal's other connections, untouched. In memory, per broker node; thread-safe.
 * Entries whose hold has ended are swept at most once per {@link #SWEEP_EVERY} (on a claim), so
 * distinct client IDs with a session expiry cannot grow the registry for the broker's lifetime.
 */
final class SessionRegistry {
  /** How long an accepted but unconfirmed claim blocks others. */
  static final Duration PENDING_TIMEOUT = Duration.ofSeconds(60);

  /** The longest a disconnected session's client ID stays reserved. */
  static final Duration MAX_HOLD = Duration.ofDays(3650);

  private record Holder(String principal, int online, Instant pendingUntil, Instant heldUntil) {
    boolean free(Instant now) {
      return online == 0 && !now.isBefore(pendingUntil) && !now.isBefore(heldUntil);
    }
  }

  /** Minimum time between two sweeps of ended holds. */
  static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

  private final Clock clock;
  private final ConcurrentHashMap<String, Holder> holders = new ConcurrentHashMap<>();
  private final AtomicLong lastSweepMillis;

  SessionRegistry(Clock clock) {
    this.clock = clock;
    this.lastSweepMillis = new AtomicLong(clock.millis());
  }

  /** The principal that holds client IDs for {@code identity}: its user, or "anonymous". */
  static String principalOf(io.mqttguard.identity.ClientIdentity identity) {
    return identity.anonymous() || identity.username() == null
        ? "anonymous"
        : "user:" + identity.username();
  }

  /** Claims {@code clientId} for {@code principal}; false if another principal holds it. */
  boolean tryClaim(String clientId, String principal) {
    Instant now = clock.instant();
    sweepIfDue(now);
    boolean[] claimed = {false};
    holders.compute(
        clientId,
        (k, h) -> {
          if (h == null || h.principal().equals(principal) || h.free(now)) {
            claimed[0] = true;
            int online = h != null && h.principal().equals(principal) ? h.online() : 0;
            Instant held = h != null && h.principal().equals(principal) ? h.heldUntil() : now;
            return new Holder(principal, online, now.plus(PENDING_TIMEOUT), held);
          }
          return h;
        });
    return claimed[0];
  }

  void connected(String clientId, String principal) {
    holders.compute(
        clientId,
        (k, h) ->
            h == null || !h.principal().equals(principal)
                ? new Holder(principal, 1, Instant.EPOCH, Instant.EPOCH)
                : new Holder(principal, h.online() + 1, Instant.EPOCH, h.heldUntil()));
  }

  /**
   * A connection of {@code principal} that was {@linkplain #connected connected} ended: the client
   * ID is held for {@code sessionExpiry} from now, replacing any earlier hold (the session that
   * just ended is the current one). Negative expiries count as zero; expiries beyond {@link
   * #MAX_HOLD} are capped.
   */
  void disconnected(String clientId, String principal, Duration sessionExpiry) {
    Instant now = clock.instant();
    Duration hold =
        sessionExpiry.isNegative()
            ? Duration.ZERO
            : sessionExpiry.compareTo(MAX_HOLD) > 0 ? MAX_HOLD : sessionExpiry;
    holders.computeIfPresent(
        clientId,
        (k, h) -> {
          if (!h.principal().equals(principal)) {
            return h;
          }
          Holder next =
              new Holder(principal, Math.max(0, h.online() - 1), Instant.EPOCH, now.plus(hold));
          return next.free(now) ? null : next;
        });
  }

  /**
   * An accepted claim of {@code principal} never became a connection (the broker or the adapter
   * refused the client after authentication): its pending claim ends; the hold of an earlier
   * session and the principal's live connections are unaffected.
   */
  void abandoned(String clientId, String principal) {
    Instant now = clock.instant();
    holders.computeIfPresent(
        clientId,
        (k, h) -> {
          if (!h.principal().equals(principal)) {
            return h;
          }
          Holder next = new Holder(principal, h.online(), Instant.EPOCH, h.heldUntil());
          return next.free(now) ? null : next;
        });
  }

  private void sweepIfDue(Instant now) {
    long last = lastSweepMillis.get();
    long nowMillis = now.toEpochMilli();
    if (nowMillis - last < SWEEP_EVERY.toMillis()
        || !lastSweepMillis.compareAndSet(last, nowMillis)) {
      return;
    }
    // ConcurrentHashMap removes an entry only if it still holds the value that was tested.
    holders.values().removeIf(h -> h.free(now));
  }

  int size() {
    return holders.size();
  }
}

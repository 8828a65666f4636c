package io.mqttguard.guard;

import io.mqttguard.acl.Decision;
import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.TlsFacts;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What a {@link DefaultClientSession} needs from its guard. Implementations are thread-safe. */
interface SessionHost {
  /** The snapshot in force now. */
  ConfigSnapshot current();

  /**
   * Re-checks a live client against the authentication configuration of {@code against} (the
   * snapshot it is about to be bound to), including the listener rules (anonymous access,
   * role-to-listener restrictions) of {@code listener}.
   */
  AuthResult recheck(
      AuthResult.Accepted accepted,
      @Nullable TlsFacts tls,
      String listener,
      ConfigSnapshot against);

  /** The broker connected the session's client (with a clean start or resuming its session). */
  void connected(DefaultClientSession session, boolean cleanStart);

  /** The record of accepted protected QoS 1/2 messages (the retransmission rule). */
  AcceptedPublishes acceptedPublishes();

  /** {@code session} was revoked (called once per session). */
  void revoked(DefaultClientSession session, String detail);

  /** {@code session} was closed by the adapter (called once per session). */
  void closed(DefaultClientSession session, Duration sessionExpiry);

  /** Audits a denied publish or subscribe of {@code session} ({@code suppressed} events before). */
  void auditDeny(
      DefaultClientSession session,
      String action,
      String topic,
      Decision decision,
      long suppressed);

  /** Counts one event. */
  void count(GuardMetric metric);
}

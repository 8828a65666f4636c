package io.mqttguard.guard;

import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.TlsFacts;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What a {@link Session} needs from its guard. Implementations are thread-safe. */
interface SessionHost {
  /** The snapshot in force now. */
  ConfigSnapshot current();

  /** Re-checks a live client against the authenticator's current configuration. */
  AuthResult recheck(AuthResult.Accepted accepted, @Nullable TlsFacts tls);

  /** The broker connected the session's client. */
  void connected(Session session);

  /** {@code session} was revoked (called once per session). */
  void revoked(Session session, String detail);

  /** {@code session} was closed by the adapter (called once per session). */
  void closed(Session session, Duration sessionExpiry);

  /** Counts one event. */
  void count(GuardMetric metric);
}

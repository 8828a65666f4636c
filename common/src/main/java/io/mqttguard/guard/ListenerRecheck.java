package io.mqttguard.guard;

import io.mqttguard.audit.AuditText;
import io.mqttguard.auth.AuthConfig;
import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.Authenticator;
import io.mqttguard.auth.RejectReason;
import io.mqttguard.auth.TlsFacts;
import io.mqttguard.identity.ClientIdentity;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The listener rules a live client must still satisfy after a reload (the authenticator's recheck
 * covers credentials, certificates, roles and client-ID bindings): anonymous access must still be
 * allowed on its listener, and none of its roles may now be restricted to other listeners.
 * Stateless.
 */
final class ListenerRecheck {
  private ListenerRecheck() {}

  /** Why {@code identity} may no longer stay on {@code listener}, or {@code null} if it may. */
  static @Nullable String problem(ClientIdentity identity, String listener, AuthConfig config) {
    if (identity.anonymous() && !config.settings().policyFor(listener).allowAnonymous()) {
      return "anonymous access is no longer allowed on listener "
          + AuditText.sanitize(listener, AuditText.TEXT_CHARS);
    }
    for (String role : identity.roles()) {
      Set<String> only = config.settings().roleListeners().get(role);
      if (only != null && !only.contains(listener)) {
        return "role " + role + " is now restricted to listeners " + only;
      }
    }
    return null;
  }

  /**
   * Re-checks a live client against {@code against}: the authenticator's re-check, then the
   * listener rules of {@code listener}. Never throws: a failure rejects.
   */
  static AuthResult recheck(
      Authenticator authenticator,
      AuthResult.Accepted accepted,
      @Nullable TlsFacts tls,
      String listener,
      AuthConfig against) {
    try {
      AuthResult r = authenticator.recheck(accepted, tls, against);
      String listenerProblem = problem(accepted.identity(), listener, against);
      return listenerProblem == null || r instanceof AuthResult.Rejected
          ? r
          : new AuthResult.Rejected(RejectReason.NOT_AUTHORIZED, listenerProblem);
    } catch (RuntimeException e) {
      return new AuthResult.Rejected(
          RejectReason.NOT_AUTHORIZED, "internal error: " + e.getClass().getName());
    }
  }
}

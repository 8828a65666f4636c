package io.mqttguard.guard;

import io.mqttguard.audit.AuditText;
import io.mqttguard.auth.AuthConfig;
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
}

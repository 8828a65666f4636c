package io.mqttguard.moquette;

import io.moquette.broker.security.IAuthenticator;
import org.jspecify.annotations.Nullable;

/**
 * Moquette's {@code IAuthenticator}, called synchronously on the connection's I/O thread while the
 * hook forwards an already admitted CONNECT. It accepts exactly that CONNECT and nothing else: a
 * CONNECT that did not come through the hook (a connection accepted before the hook was installed,
 * or any other path) is denied and audited. Never throws.
 */
final class GuardAuthenticator implements IAuthenticator {
  private final LiveConnections live;
  private final AdapterAudit audit;

  GuardAuthenticator(LiveConnections live, AdapterAudit audit) {
    this.live = live;
    this.audit = audit;
  }

  @Override
  public boolean checkValid(
      @Nullable String clientId, @Nullable String username, byte @Nullable [] password) {
    try {
      Connection handedOff = live.handedOff();
      if (handedOff == null) {
        audit.deny(
            "connect", clientId, "NOT_AUTHORIZED", "CONNECT did not pass the MQTT Guard hook");
        return false;
      }
      if (!handedOff.clientId().equals(clientId)) {
        audit.deny(
            "connect", clientId, "NOT_AUTHORIZED", "client ID differs from the admitted one");
        return false;
      }
      return true;
    } catch (Throwable t) {
      audit.error("connect", clientId, t);
      return false;
    }
  }
}

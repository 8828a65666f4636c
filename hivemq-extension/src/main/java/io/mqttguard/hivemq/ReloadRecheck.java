package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import io.mqttguard.acl.Decision;
import io.mqttguard.guard.AcceptedWill;
import io.mqttguard.guard.ClientSession;
import io.mqttguard.guard.ConfigSnapshot;
import io.mqttguard.guard.Enforcement;
import io.mqttguard.guard.EnforcementPlan;
import io.mqttguard.guard.ReloadListener;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a reload, re-checks what HiveMQ enforces natively for each live connection (see {@link
 * ClientHooks}): a connection whose default permissions or callbacks no longer match its new plan
 * is disconnected with {@code ADMINISTRATIVE_ACTION} (it gets the new setup when it reconnects);
 * one whose will the new policy refuses (wills bypass interceptors), or one without per-delivery
 * checks that lost the right to a subscription it holds, is disconnected with {@code
 * NOT_AUTHORIZED} (always without its will). Revoked clients are disconnected by the revocation
 * listener. Runs on the reload thread; thread-safe.
 */
final class ReloadRecheck implements ReloadListener {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadRecheck.class);

  /** Disconnects a client, without its will, if the session's connection is still connected. */
  @FunctionalInterface
  interface Disconnector {
    void disconnect(ClientSession session, DisconnectReasonCode code, String reason);
  }

  private final LiveConnections sessions;
  private final Disconnector disconnector;

  ReloadRecheck(LiveConnections sessions, Disconnector disconnector) {
    this.sessions = sessions;
    this.disconnector = disconnector;
  }

  @Override
  public void applied(ConfigSnapshot snapshot) {
    sessions.forEachCurrent(this::recheck);
  }

  /** Re-checks one connection against the policy in force; see the class comment. */
  void recheck(ClientSession session, Connection connection) {
    try {
      ClientHooks.Installed installed = connection.installed();
      Enforcement enforcement = session.plan();
      if (installed == null || !(enforcement instanceof EnforcementPlan plan)) {
        return; // not set up yet (the initializer re-checks itself), or revoked
      }
      if (!plan.equals(installed.plan()) && !stillCovers(installed, plan)) {
        disconnector.disconnect(
            session, DisconnectReasonCode.ADMINISTRATIVE_ACTION, "Policy changed, reconnect");
      } else if (willRefused(session, connection.will())) {
        disconnector.disconnect(session, DisconnectReasonCode.NOT_AUTHORIZED, "Access revoked");
      } else if (!installed.outbound() && lostSubscription(session, connection)) {
        disconnector.disconnect(session, DisconnectReasonCode.NOT_AUTHORIZED, "Access revoked");
      }
    } catch (RuntimeException e) {
      LOG.error("MQTT Guard: re-check after reload failed; disconnecting the client", e);
      disconnector.disconnect(session, DisconnectReasonCode.NOT_AUTHORIZED, "Access revoked");
    }
  }

  /** Whether the callbacks and permissions installed still enforce {@code plan} exactly. */
  static boolean stillCovers(ClientHooks.Installed installed, EnforcementPlan plan) {
    if (installed.nativeGrants()
        && ((plan.payloadRules() && !installed.inbound())
            || !Objects.equals(plan.publishGrants(), installed.plan().publishGrants()))) {
      return false;
    }
    return !plan.deliveryChecks() || installed.outbound();
  }

  private static boolean willRefused(ClientSession session, @Nullable AcceptedWill will) {
    return will != null && !session.recheckWill(will).allowed();
  }

  private static boolean lostSubscription(ClientSession session, Connection connection) {
    for (Map.Entry<String, Integer> s : connection.subscriptions().entrySet()) {
      Decision d = session.subscribe(s.getKey(), s.getValue());
      if (!d.allowed()) {
        return true;
      }
    }
    return false;
  }
}

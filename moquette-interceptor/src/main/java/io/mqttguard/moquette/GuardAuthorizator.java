package io.mqttguard.moquette;

import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import org.jspecify.annotations.Nullable;

/**
 * Moquette's {@code IAuthorizatorPolicy}. Both callbacks run on Moquette's session loops, where an
 * exception would kill the loop for good (Moquette 0.17), so every {@code Throwable} becomes a
 * denial and is audited.
 *
 * <p>It decides nothing the hook ({@link ConnectionGuard}) has not decided already, and keeps no
 * approvals keyed by topic or filter text. The hook sits directly in front of Moquette's handler on
 * every connection (checked at {@code channelActive}, or the connection is closed) and sees every
 * decoded packet before Moquette does:
 *
 * <ul>
 *   <li>a PUBLISH reaches Moquette only if the core allowed it ({@link Publishes#inbound}); a
 *       denied or refused one is released and the connection closed. So {@code canWrite} allows a
 *       client that has a hooked connection whose session is not revoked, and denies everything
 *       else (a client that never passed the hook, a revoked session). Moquette does not pass QoS,
 *       retain or size here, so it could not decide a PUBLISH anyway.
 *   <li>a SUBSCRIBE reaches Moquette with each denied entry renamed to {@link
 *       Subscribes#DENIED_FILTER}, which {@code canRead} refuses (SUBACK {@code 0x80}); every other
 *       filter of a confirmed connection was allowed by the core for that very entry. Before the
 *       CONNACK (Moquette re-activating the stored subscriptions of a persistent session while it
 *       processes the CONNECT), {@code canRead} asks the core itself, at QoS 0: Moquette does not
 *       pass the stored QoS, which the core granted when the client subscribed.
 * </ul>
 *
 * A counter of approvals per topic text, as earlier versions kept, adds no safety on top of this:
 * Moquette's calls carry no packet identity to bind an approval to, and every packet it asks about
 * was decided by the hook for exactly that packet.
 */
final class GuardAuthorizator implements IAuthorizatorPolicy {
  private final LiveConnections live;
  private final AdapterAudit audit;

  GuardAuthorizator(LiveConnections live, AdapterAudit audit) {
    this.live = live;
    this.audit = audit;
  }

  @Override
  public boolean canWrite(@Nullable Topic topic, @Nullable String user, @Nullable String client) {
    try {
      Connection c = live.get(client);
      if (c == null || topic == null) {
        audit.deny("publish", client, "NOT_AUTHORIZED", "no hooked connection for this client");
        return false;
      }
      return !c.session().revoked(); // the hook decided this PUBLISH before forwarding it
    } catch (Throwable t) {
      audit.error("publish", client, t);
      return false;
    }
  }

  @Override
  public boolean canRead(@Nullable Topic topic, @Nullable String user, @Nullable String client) {
    try {
      Connection c = live.get(client);
      if (c == null || topic == null) {
        audit.deny("subscribe", client, "NOT_AUTHORIZED", "no hooked connection for this client");
        return false;
      }
      String filter = topic.toString();
      if (filter.equals(Subscribes.DENIED_FILTER)) {
        return false; // an entry the core denied (SUBACK 0x80)
      }
      if (!c.confirmed()) { // CONNECT of a persistent session: Moquette re-activates stored ones
        return c.session().subscribe(filter, 0).allowed();
      }
      return !c.session().revoked(); // the hook decided this entry before forwarding it
    } catch (Throwable t) {
      audit.error("subscribe", client, t);
      return false;
    }
  }
}

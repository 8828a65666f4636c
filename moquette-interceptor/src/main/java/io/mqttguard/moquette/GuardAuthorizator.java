package io.mqttguard.moquette;

import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import org.jspecify.annotations.Nullable;

/**
 * Moquette's {@code IAuthorizatorPolicy}. Both callbacks run on Moquette's session loops, where an
 * exception would kill the loop for good (Moquette 0.17), so every {@code Throwable} becomes a
 * denial and is audited.
 *
 * <p>{@code canWrite} only confirms PUBLISHes the hook already approved (with QoS, retain and size,
 * which Moquette does not pass here). {@code canRead} refuses the entries the hook forwarded as
 * {@link SubscribeRewrite#DENIED_FILTER} and consumes one approval per allowed entry (see {@link
 * SubscribeRewrite}); without an approval it denies, except while the CONNECT of a persistent
 * session is processed, when Moquette re-activates stored subscriptions and it asks the core
 * directly (at QoS 0: Moquette does not pass the stored QoS, which the core granted when the client
 * subscribed).
 */
final class GuardAuthorizator implements IAuthorizatorPolicy {
  private final LiveClients live;
  private final AdapterAudit audit;

  GuardAuthorizator(LiveClients live, AdapterAudit audit) {
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
      return c.consumePublishApproval(topic.toString());
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
      if (filter.equals(SubscribeRewrite.DENIED_FILTER)) {
        return false; // an entry the core denied (SUBACK 0x80)
      }
      if (c.consumeSubscribeApproval(filter)) {
        return true; // an entry the core allowed at the QoS Moquette grants
      }
      if (!c.confirmed()) { // CONNECT of a persistent session: Moquette re-activates stored ones
        return c.session().maySubscribe(filter, 0);
      }
      audit.deny("subscribe", client, "NOT_AUTHORIZED", "no decision for this SUBSCRIBE entry");
      return false;
    } catch (Throwable t) {
      audit.error("subscribe", client, t);
      return false;
    }
  }
}

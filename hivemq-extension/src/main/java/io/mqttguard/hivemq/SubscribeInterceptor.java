package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.interceptor.subscribe.SubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundInput;
import com.hivemq.extension.sdk.api.interceptor.subscribe.parameter.SubscribeInboundOutput;
import com.hivemq.extension.sdk.api.packets.subscribe.ModifiableSubscription;
import io.mqttguard.guard.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SUBSCRIBE → {@link ClientSession#subscribe} per subscription. A denied subscription's filter is
 * replaced by {@linkplain ClientHooks#deniedTopic() denied topic}, which the connection's default
 * permissions deny: HiveMQ then answers SUBACK {@code NOT_AUTHORIZED} (MQTT 3.1.1: {@code 0x80})
 * for it and the client stays connected. Allowed filters are recorded on the connection (before the
 * decision, see {@link #allowed}), so a reload can re-check them. Without a live session, or on any
 * internal failure, every subscription of the packet is denied. Thread-safe.
 */
final class SubscribeInterceptor implements SubscribeInboundInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(SubscribeInterceptor.class);

  private final LiveConnections sessions;
  private final String deniedTopic;

  SubscribeInterceptor(LiveConnections sessions, String deniedTopic) {
    this.sessions = sessions;
    this.deniedTopic = deniedTopic;
  }

  @Override
  public void onInboundSubscribe(SubscribeInboundInput input, SubscribeInboundOutput output) {
    var subscriptions = output.getSubscribePacket().getSubscriptions();
    try {
      ClientSession session = sessions.find(input);
      Connection connection = sessions.connection(input);
      for (ModifiableSubscription s : subscriptions) {
        if (session == null || connection == null || !allowed(session, connection, s)) {
          s.setTopicFilter(deniedTopic);
        }
      }
    } catch (RuntimeException e) {
      LOG.error("MQTT Guard: subscribe check failed internally; denying the SUBSCRIBE", e);
      for (ModifiableSubscription s : subscriptions) {
        s.setTopicFilter(deniedTopic);
      }
    }
  }

  /**
   * Records the filter first, then decides: a reload that swaps the policy during the decision
   * either is seen by the decision or sees the recorded filter and re-checks it.
   */
  private static boolean allowed(
      ClientSession session, Connection connection, ModifiableSubscription s) {
    String filter = s.getTopicFilter();
    int qos = s.getQos().getQosNumber();
    Integer previous = connection.subscribing(filter, qos);
    if (session.subscribe(filter, qos).allowed()) {
      return true;
    }
    connection.subscribeDenied(filter, previous);
    return false;
  }
}

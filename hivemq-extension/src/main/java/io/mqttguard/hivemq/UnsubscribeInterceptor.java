package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.interceptor.unsubscribe.UnsubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.unsubscribe.parameter.UnsubscribeInboundInput;
import com.hivemq.extension.sdk.api.interceptor.unsubscribe.parameter.UnsubscribeInboundOutput;
import io.mqttguard.guard.ClientSession;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UNSUBSCRIBE: a filter beyond the topic limits ({@link ClientSession#withinTopicLimits}, audited
 * by the core) is replaced by the {@linkplain ClientHooks#deniedTopic() denied topic}, so it never
 * reaches HiveMQ's subscription tree (no client can hold a subscription on it: MQTT 5 gets UNSUBACK
 * {@code NO_SUBSCRIPTION_EXISTED} for it). Then forgets the filters on the connection's record of
 * allowed subscriptions, so the record stays as large as the client's subscriptions and a reload
 * does not re-check (and disconnect for) a subscription the client no longer holds. A failure only
 * leaves a filter recorded (a reload then re-checks it: fail safe). Thread-safe.
 */
final class UnsubscribeInterceptor implements UnsubscribeInboundInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(UnsubscribeInterceptor.class);

  private final LiveConnections sessions;
  private final String deniedTopic;

  UnsubscribeInterceptor(LiveConnections sessions, String deniedTopic) {
    this.sessions = sessions;
    this.deniedTopic = deniedTopic;
  }

  @Override
  public void onInboundUnsubscribe(UnsubscribeInboundInput input, UnsubscribeInboundOutput output) {
    var packet = output.getUnsubscribePacket();
    List<String> filters = packet.getTopicFilters();
    try {
      ClientSession session = sessions.find(input);
      List<String> bounded = new ArrayList<>(filters.size());
      for (String f : filters) {
        bounded.add(
            session != null && session.withinTopicLimits("unsubscribe", f) ? f : deniedTopic);
      }
      if (!bounded.equals(filters)) {
        packet.setTopicFilters(bounded);
      }
    } catch (RuntimeException e) {
      LOG.warn("MQTT Guard: could not check an UNSUBSCRIBE: {}", e.toString());
      packet.setTopicFilters(filters.stream().map(f -> deniedTopic).toList());
      return;
    }
    try {
      Connection connection = sessions.connection(input);
      if (connection != null) {
        filters.forEach(connection::unsubscribed);
      }
    } catch (RuntimeException e) {
      LOG.warn("MQTT Guard: could not record an UNSUBSCRIBE: {}", e.toString());
    }
  }
}

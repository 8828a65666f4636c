package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.interceptor.unsubscribe.UnsubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.unsubscribe.parameter.UnsubscribeInboundInput;
import com.hivemq.extension.sdk.api.interceptor.unsubscribe.parameter.UnsubscribeInboundOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UNSUBSCRIBE: forgets the filters on the connection's record of allowed subscriptions, so the
 * record stays as large as the client's subscriptions and a reload does not re-check (and
 * disconnect for) a subscription the client no longer holds. Never changes the packet; a failure
 * only leaves a filter recorded (a reload then re-checks it: fail safe). Thread-safe.
 */
final class UnsubscribeInterceptor implements UnsubscribeInboundInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(UnsubscribeInterceptor.class);

  private final LiveSessions sessions;

  UnsubscribeInterceptor(LiveSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void onInboundUnsubscribe(UnsubscribeInboundInput input, UnsubscribeInboundOutput output) {
    try {
      Connection connection = sessions.connection(input);
      if (connection != null) {
        input.getUnsubscribePacket().getTopicFilters().forEach(connection::unsubscribed);
      }
    } catch (RuntimeException e) {
      LOG.warn("MQTT Guard: could not record an UNSUBSCRIBE: {}", e.toString());
    }
  }
}

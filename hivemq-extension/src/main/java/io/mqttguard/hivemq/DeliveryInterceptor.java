package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundOutput;
import io.mqttguard.acl.Decision;
import io.mqttguard.guard.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks {@code receive} for every delivery to a subscriber, so a deny carve-out inside a granted
 * subscription, or a right revoked by a reload, stops deliveries on existing subscriptions. A
 * denied delivery (or one to a client without a live session, or any internal failure) is dropped.
 * Thread-safe.
 */
final class DeliveryInterceptor implements PublishOutboundInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryInterceptor.class);

  private final LiveConnections sessions;

  DeliveryInterceptor(LiveConnections sessions) {
    this.sessions = sessions;
  }

  @Override
  public void onOutboundPublish(PublishOutboundInput input, PublishOutboundOutput output) {
    try {
      ClientSession session = sessions.find(input);
      Decision d = session == null ? null : session.receive(input.getPublishPacket().getTopic());
      if (d == null || !d.allowed()) {
        output.preventPublishDelivery();
      }
    } catch (RuntimeException e) {
      LOG.error("MQTT Guard: delivery check failed internally; message not delivered", e);
      output.preventPublishDelivery();
    }
  }
}

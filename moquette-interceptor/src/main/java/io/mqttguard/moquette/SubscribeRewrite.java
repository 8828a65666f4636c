package io.mqttguard.moquette;

import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides each entry of a SUBSCRIBE with the core (its own filter and requested QoS) and rewrites
 * the packet for Moquette: an allowed entry is forwarded unchanged and approved once on the
 * connection (Moquette 0.17 grants the requested QoS, so its grant is exactly what the core
 * allowed); a denied entry is forwarded with {@link #DENIED_FILTER}, which {@code canRead} always
 * refuses (SUBACK {@code 0x80}). So a filter repeated in one packet gets each entry's own decision,
 * and no decision made for one request can be used for another.
 *
 * <p>Stateless; called on the connection's event loop.
 */
final class SubscribeRewrite {
  /** The filter a denied entry is forwarded with; never approved, always refused. */
  static final String DENIED_FILTER = "mqtt-guard/denied-subscription";

  private SubscribeRewrite() {}

  /** The SUBSCRIBE to forward to Moquette in place of {@code subscribe}. */
  static MqttSubscribeMessage decide(MqttSubscribeMessage subscribe, Connection c) {
    List<MqttTopicSubscription> entries = new ArrayList<>();
    for (MqttTopicSubscription s : subscribe.payload().topicSubscriptions()) {
      String filter = s.topicFilter();
      boolean allowed =
          !filter.equals(DENIED_FILTER)
              && c.session().maySubscribe(filter, s.qualityOfService().value());
      if (allowed) {
        c.approveSubscribe(filter);
        entries.add(s);
      } else {
        entries.add(new MqttTopicSubscription(DENIED_FILTER, s.option()));
      }
    }
    return new MqttSubscribeMessage(
        subscribe.fixedHeader(),
        subscribe.idAndPropertiesVariableHeader(),
        new MqttSubscribePayload(entries));
  }
}

package io.mqttguard.moquette;

import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The SUBSCRIBE and UNSUBSCRIBE decisions of the hook.
 *
 * <p>SUBSCRIBE: each entry is decided by the core on its own (its filter and requested QoS) and the
 * packet is rewritten for Moquette: an allowed entry is forwarded unchanged (Moquette 0.17 grants
 * the requested QoS, so its grant is exactly what the core allowed); a denied entry is forwarded
 * with {@link #DENIED_FILTER}, which {@code canRead} always refuses (SUBACK {@code 0x80}). So a
 * filter repeated in one packet gets each entry's own decision, and a decision is never looked up
 * by filter text later.
 *
 * <p>Stateless; called on the connection's event loop.
 */
final class Subscribes {
  /** The filter a denied entry is forwarded with; always refused by {@code canRead}. */
  static final String DENIED_FILTER = "mqtt-guard/denied-subscription";

  private Subscribes() {}

  /** The SUBSCRIBE to forward to Moquette in place of {@code subscribe}. */
  static MqttSubscribeMessage decide(MqttSubscribeMessage subscribe, Connection c) {
    List<MqttTopicSubscription> entries = new ArrayList<>();
    for (MqttTopicSubscription s : subscribe.payload().topicSubscriptions()) {
      String filter = s.topicFilter();
      boolean allowed =
          !filter.equals(DENIED_FILTER)
              && c.session().subscribe(filter, s.qualityOfService().value()).allowed();
      entries.add(allowed ? s : new MqttTopicSubscription(DENIED_FILTER, s.option()));
    }
    return new MqttSubscribeMessage(
        subscribe.fixedHeader(),
        subscribe.idAndPropertiesVariableHeader(),
        new MqttSubscribePayload(entries));
  }

  /**
   * Whether every filter of an UNSUBSCRIBE is within the topic limits (Moquette's subscription tree
   * recurses per level). MQTT 3.1.1 has no UNSUBACK failure code: the caller closes the connection
   * otherwise. SUBSCRIBE filters, PUBLISH and will topics are checked by the core's decisions.
   */
  static boolean withinTopicLimits(MqttUnsubscribeMessage unsubscribe, Connection c) {
    for (String filter : unsubscribe.payload().topics()) {
      if (!c.session().withinTopicLimits("unsubscribe", filter)) {
        return false;
      }
    }
    return true;
  }
}

package io.mqttguard.moquette;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.HashSet;
import java.util.Set;

/**
 * Completes the QoS 1/2 flows of deliveries the hook suppressed (receive denied), acknowledging
 * them to Moquette as if the client had, so that its in-flight window does not stall.
 *
 * <p>Not thread-safe: owned by one {@link ConnectionGuard}, used on its event loop only.
 */
final class Acks {
  private final Set<Integer> suppressedOutboundQos2 = new HashSet<>();

  static MqttConnAckMessage connAck(MqttConnectReturnCode code) {
    return MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build();
  }

  /** Tells Moquette that a suppressed QoS 1/2 delivery was acknowledged. */
  void completeSuppressedDelivery(ChannelHandlerContext ctx, int qos, int packetId) {
    if (qos == 1) {
      ctx.executor().execute(() -> ctx.fireChannelRead(reply(MqttMessageType.PUBACK, packetId)));
    } else if (qos == 2) {
      suppressedOutboundQos2.add(packetId);
      ctx.executor().execute(() -> ctx.fireChannelRead(reply(MqttMessageType.PUBREC, packetId)));
    }
  }

  /** Swallows Moquette's PUBREL for a suppressed QoS 2 delivery and completes it. */
  boolean swallowOutboundPubRel(ChannelHandlerContext ctx, MqttMessage pubRel) {
    int id = packetId(pubRel);
    if (!suppressedOutboundQos2.remove(id)) {
      return false;
    }
    ctx.executor().execute(() -> ctx.fireChannelRead(reply(MqttMessageType.PUBCOMP, id)));
    return true;
  }

  private static int packetId(MqttMessage m) {
    return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
  }

  static MqttMessage reply(MqttMessageType type, int packetId) {
    MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
    return new MqttMessage(
        new MqttFixedHeader(type, false, qos, false, 2),
        MqttMessageIdVariableHeader.from(packetId));
  }
}

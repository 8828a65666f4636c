package io.mqttguard.moquette;

import io.mqttguard.guard.InboundPublish;
import io.mqttguard.payload.PayloadVerdict;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * The PUBLISH decisions of the hook, inbound (publish + payload rules, {@link
 * io.mqttguard.guard.ClientSession#inbound}) and outbound (receive). Stateless; called on the
 * connection's event loop.
 */
final class Publishes {
  private Publishes() {}

  /**
   * Decides an inbound PUBLISH and forwards what may be routed (with the replaced payload, if the
   * payload rules replaced it). A denied publish or a refused payload is not forwarded; MQTT 3.1.1
   * has no negative PUBACK, so the caller closes the connection ([MQTT-3.3.5-2], as HiveMQ does for
   * MQTT 3 clients).
   *
   * @return the reason if the connection must be closed, else null
   */
  static @Nullable String inbound(
      ChannelHandlerContext ctx, MqttPublishMessage publish, Connection c) {
    String topic = publish.variableHeader().topicName();
    int qos = publish.fixedHeader().qosLevel().value();
    byte[] bytes = ByteBufUtil.getBytes(publish.payload());
    int packetId = publish.variableHeader().packetId();
    boolean dup = publish.fixedHeader().isDup();
    InboundPublish verdict =
        c.session().inbound(topic, qos, publish.fixedHeader().isRetain(), bytes, packetId, dup);
    if (verdict instanceof InboundPublish.Retransmission) {
      ReferenceCountUtil.release(publish);
      acknowledgeRetransmission(ctx, qos, packetId);
      return null;
    }
    if (!(verdict instanceof InboundPublish.Checked checked)) {
      ReferenceCountUtil.release(publish);
      return "publish denied: " + verdict.decision().reason();
    }
    PayloadVerdict payload = checked.payload();
    if (payload instanceof PayloadVerdict.Refused refused) {
      ReferenceCountUtil.release(publish);
      return "payload refused: " + refused.reason().name();
    }
    MqttPublishMessage forwarded = publish;
    if (payload instanceof PayloadVerdict.Replaced replaced) {
      forwarded = publish.replace(Unpooled.wrappedBuffer(replaced.payload()));
      ReferenceCountUtil.release(publish);
    }
    ctx.fireChannelRead(forwarded);
    return null;
  }

  /**
   * Acknowledges a retransmission of an already accepted message to the client without forwarding
   * it (Moquette would route it again): PUBACK for QoS 1, PUBREC for QoS 2 (the client's PUBREL
   * then reaches Moquette, which answers PUBCOMP for any packet ID).
   */
  private static void acknowledgeRetransmission(ChannelHandlerContext ctx, int qos, int packetId) {
    var unused =
        ctx.writeAndFlush(
            Acks.reply(qos == 2 ? MqttMessageType.PUBREC : MqttMessageType.PUBACK, packetId));
  }

  /**
   * Applies the receive decision to one outbound PUBLISH (live, retained or queued delivery).
   *
   * @return true if the delivery was suppressed (released, promise completed, QoS flow completed
   *     towards Moquette); false if it may be written
   */
  static boolean suppressDelivery(
      ChannelHandlerContext ctx,
      MqttPublishMessage publish,
      ChannelPromise promise,
      Connection c,
      Acks acks) {
    if (c.session().receive(publish.variableHeader().topicName()).allowed()) {
      return false;
    }
    int qos = publish.fixedHeader().qosLevel().value();
    int packetId = publish.variableHeader().packetId();
    ReferenceCountUtil.release(publish);
    promise.trySuccess();
    acks.completeSuppressedDelivery(ctx, qos, packetId);
    return true;
  }
}

package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.ModifiablePublishPacket;
import io.mqttguard.guard.ClientSession;
import io.mqttguard.guard.InboundPublish;
import io.mqttguard.payload.PayloadVerdict;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-message PUBLISH check, registered for connections that need it (see {@link ClientHooks}):
 * the topic ACL first; a PUBLISH the client may not send is answered as HiveMQ answers the denies
 * of its permissions (MQTT 5: PUBACK {@code NOT_AUTHORIZED} naming the client's topic, then
 * DISCONNECT; 3.1.1: disconnect); nothing is decrypted for it. Otherwise the payload is passed
 * through, replaced (decrypted/verified) or delivery is prevented with the core's reason code. A
 * retransmission of an already accepted protected message (the core decides, from the packet ID and
 * DUP flag) is acknowledged with SUCCESS and not delivered again. A topic beyond the topic limits
 * is checked first and never routed: {@code TOPIC_NAME_INVALID} (MQTT 5: PUBACK 0x90 for QoS 1/2,
 * the client stays connected; 3.1.1: HiveMQ disconnects).
 *
 * <p>Never lets an exception escape (HiveMQ would acknowledge SUCCESS and drop silently): any
 * internal failure prevents delivery with IMPLEMENTATION_SPECIFIC_ERROR. Thread-safe.
 */
final class PayloadInterceptor implements PublishInboundInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(PayloadInterceptor.class);

  private static final String TOPIC_LIMITS = "Topic exceeds the topic limits";

  private final LiveConnections sessions;
  private final String deniedTopic;
  private final Disconnects disconnects;

  PayloadInterceptor(LiveConnections sessions, String deniedTopic, Disconnects disconnects) {
    this.sessions = sessions;
    this.deniedTopic = deniedTopic;
    this.disconnects = disconnects;
  }

  @Override
  public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
    try {
      ClientSession session = sessions.find(input);
      ModifiablePublishPacket packet = output.getPublishPacket();
      if (session == null) {
        packet.setTopic(deniedTopic);
        return;
      }
      if (!session.withinTopicLimits("publish", packet.getTopic())) {
        output.preventPublishDelivery(AckReasonCode.TOPIC_NAME_INVALID, TOPIC_LIMITS);
        return; // audited by the core; never routed into HiveMQ's topic tree
      }
      byte[] payload = packet.getPayload().map(HiveMqRequests::bytes).orElse(new byte[0]);
      InboundPublish verdict =
          session.inbound(
              packet.getTopic(),
              packet.getQos().getQosNumber(),
              packet.getRetain(),
              payload,
              packet.getPacketId(),
              packet.getDupFlag());
      if (verdict instanceof InboundPublish.Retransmission) {
        output.preventPublishDelivery(); // acknowledged with SUCCESS, not delivered again
        return;
      }
      if (!(verdict instanceof InboundPublish.Checked checked)) {
        denied(output, session, packet); // nothing was decrypted
        return;
      }
      PayloadVerdict outcome = checked.payload();
      if (outcome instanceof PayloadVerdict.Replaced replaced) {
        packet.setPayload(ByteBuffer.wrap(replaced.payload()));
      } else if (outcome instanceof PayloadVerdict.Refused refused) {
        output.preventPublishDelivery(
            ReasonCodes.ack(refused.reason().ackCode()), PayloadVerdict.Refused.CLIENT_MESSAGE);
      }
    } catch (RuntimeException e) {
      LOG.error("MQTT Guard: payload processing failed internally; message not delivered", e);
      output.preventPublishDelivery(
          AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, "Payload processing failed");
    }
  }

  /**
   * A PUBLISH the ACL denies gets the answer HiveMQ gives for the denies it decides itself, with
   * the topic the client used in the reason string: MQTT 5 PUBACK/PUBREC {@code NOT_AUTHORIZED},
   * then DISCONNECT {@code NOT_AUTHORIZED} (after the acknowledgement was sent); MQTT 3.1.1: HiveMQ
   * closes the connection for any non-success code.
   */
  private void denied(
      PublishInboundOutput output, ClientSession session, ModifiablePublishPacket packet) {
    String reason =
        InboundPublish.Denied.clientReason(
            packet.getTopic(), packet.getQos().getQosNumber(), packet.getRetain());
    output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, reason);
    disconnects.later(
        session.identity().clientId(), session, DisconnectReasonCode.NOT_AUTHORIZED, reason);
  }
}

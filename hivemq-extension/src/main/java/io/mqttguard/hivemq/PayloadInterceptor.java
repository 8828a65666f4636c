package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.ModifiablePublishPacket;
import io.mqttguard.guard.ClientSession;
import io.mqttguard.guard.InboundPublish;
import io.mqttguard.payload.Outcome;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payload rules for inbound PUBLISHes. HiveMQ runs interceptors <em>before</em> authorizers, so the
 * topic ACL is checked first: a PUBLISH the client may not send is left untouched for {@link
 * GuardAuthorizer} to deny (nothing is decrypted for it). Otherwise the payload is passed through,
 * replaced (decrypted/verified) or delivery is prevented with the core's reason code.
 *
 * <p>Never lets an exception escape (HiveMQ would acknowledge SUCCESS and drop silently): any
 * internal failure prevents delivery with IMPLEMENTATION_SPECIFIC_ERROR. Thread-safe.
 */
final class PayloadInterceptor implements PublishInboundInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(PayloadInterceptor.class);

  private final LiveSessions sessions;

  PayloadInterceptor(LiveSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
    try {
      ClientSession session =
          sessions.find(
              input.getClientInformation().getClientId(),
              input.getConnectionInformation().getConnectionAttributeStore());
      ModifiablePublishPacket packet = output.getPublishPacket();
      if (session == null) {
        output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, "Not authorized");
        return;
      }
      byte[] payload = packet.getPayload().map(HiveMqRequests::bytes).orElse(new byte[0]);
      InboundPublish verdict =
          session.inbound(
              packet.getTopic(), packet.getQos().getQosNumber(), packet.getRetain(), payload);
      if (!(verdict instanceof InboundPublish.Checked checked)) {
        return; // the ACL denies: the authorizer answers and disconnects; nothing was decrypted
      }
      Outcome outcome = checked.payload();
      if (outcome instanceof Outcome.Replaced replaced) {
        packet.setPayload(ByteBuffer.wrap(replaced.payload()));
      } else if (outcome instanceof Outcome.Refused refused) {
        output.preventPublishDelivery(
            ReasonCodes.ack(refused.reason().mqtt5ReasonName()), Outcome.Refused.CLIENT_MESSAGE);
      }
    } catch (RuntimeException e) {
      LOG.error("MQTT Guard: payload processing failed internally; message not delivered", e);
      output.preventPublishDelivery(
          AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, "Payload processing failed");
    }
  }
}

package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.connect.WillPublishPacket;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.Subscription;
import io.mqttguard.acl.Decision;
import io.mqttguard.guard.ClientSession;
import io.mqttguard.guard.InboundPublish;
import io.mqttguard.payload.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PUBLISH (including wills, which HiveMQ authorizes here at CONNECT time) and SUBSCRIBE → the
 * client's {@link ClientSession} → one output call. A client without a live session is denied.
 * Never calls {@code nextExtensionOrDefault()} and never lets an exception escape (an exception
 * denies). Denied PUBLISHes make HiveMQ disconnect the client (MQTT 5: PUBACK NOT_AUTHORIZED
 * first); denied SUBSCRIBEs get SUBACK NOT_AUTHORIZED (3.1.1: FAILURE) and stay connected.
 *
 * <p>Thread-safe and stateless apart from the shared registry.
 */
final class GuardAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {
  private static final Logger LOG = LoggerFactory.getLogger(GuardAuthorizer.class);

  private final LiveSessions sessions;

  GuardAuthorizer(LiveSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
    try {
      ClientSession session =
          sessions.find(
              input.getClientInformation().getClientId(),
              input.getConnectionInformation().getConnectionAttributeStore());
      PublishPacket p = input.getPublishPacket();
      if (session == null || !allowed(session, p)) {
        output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "Not authorized");
      } else if (p instanceof WillPublishPacket && !willPayloadAllowed(session, p)) {
        // wills bypass the inbound interceptor, so their payload cannot be replaced: refuse them
        output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "Will payload refused");
      } else {
        output.authorizeSuccessfully();
      }
    } catch (RuntimeException e) {
      LOG.error("MQTT Guard: publish authorization failed internally; denying", e);
      output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "Not authorized");
    }
  }

  private static boolean allowed(ClientSession session, PublishPacket p) {
    Decision d =
        session.publish(
            p.getTopic(),
            p.getQos().getQosNumber(),
            p.getRetain(),
            p.getPayload().map(b -> b.remaining()).orElse(0));
    return d.allowed();
  }

  /**
   * Wills bypass the inbound interceptor: only a will whose payload passes unchanged is allowed.
   */
  private static boolean willPayloadAllowed(ClientSession session, PublishPacket will) {
    byte[] payload = will.getPayload().map(HiveMqRequests::bytes).orElse(new byte[0]);
    InboundPublish verdict =
        session.inbound(will.getTopic(), will.getQos().getQosNumber(), will.getRetain(), payload);
    return verdict instanceof InboundPublish.Checked checked
        && checked.payload() instanceof Outcome.PassThrough;
  }

  @Override
  public void authorizeSubscribe(
      SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
    try {
      ClientSession session =
          sessions.find(
              input.getClientInformation().getClientId(),
              input.getConnectionInformation().getConnectionAttributeStore());
      Subscription s = input.getSubscription();
      Decision d =
          session == null ? null : session.subscribe(s.getTopicFilter(), s.getQos().getQosNumber());
      if (d != null && d.allowed()) {
        output.authorizeSuccessfully();
      } else {
        output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "Not authorized");
      }
    } catch (RuntimeException e) {
      LOG.error("MQTT Guard: subscribe authorization failed internally; denying", e);
      output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "Not authorized");
    }
  }
}

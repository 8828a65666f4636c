package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.connect.WillPublishPacket;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.builder.TopicPermissionBuilder;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.RejectReason;
import io.mqttguard.guard.AcceptedWill;
import io.mqttguard.guard.ClientSession;
import io.mqttguard.guard.ConnectOutcome;
import io.mqttguard.guard.Guard;
import io.mqttguard.guard.WillPayloads;
import io.mqttguard.guard.WillVerdict;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONNECT → {@link Guard#connect} → one HiveMQ output call. The decision is awaited asynchronously
 * (HiveMQ's extension task thread is released at once; password hashing runs on the guard's own
 * bounded executor). A decision that does not arrive within the timeout fails closed with
 * SERVER_BUSY. Never calls {@code nextExtensionOrDefault()}: another extension (e.g. allow-all)
 * must never decide in our place.
 *
 * <p>Thread-safe; HiveMQ may share one instance across all clients.
 */
final class GuardAuthenticator implements SimpleAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(GuardAuthenticator.class);

  /** Sent to clients for every rejection: the precise reason stays in the audit log. */
  static final String REJECTED = "Connection refused by MQTT Guard";

  private final Guard guard;
  private final LiveConnections sessions;
  private final Duration timeout;
  private final Supplier<TopicPermissionBuilder> builders;

  GuardAuthenticator(
      Guard guard,
      LiveConnections sessions,
      Duration timeout,
      Supplier<TopicPermissionBuilder> builders) {
    this.guard = guard;
    this.sessions = sessions;
    this.timeout = timeout;
    this.builders = builders;
  }

  @Override
  public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
    Async<SimpleAuthOutput> async =
        output.async(
            timeout,
            TimeoutFallback.FAILURE,
            ConnackReasonCode.SERVER_BUSY,
            "Authentication timed out");
    try {
      ConnectRequest request = HiveMqRequests.connectRequest(input);
      var unused =
          guard
              .connect(request)
              .whenComplete(
                  (outcome, error) -> {
                    try {
                      decide(input, async.getOutput(), outcome, error);
                    } finally {
                      async.resume();
                    }
                  });
    } catch (RuntimeException e) {
      LOG.error("MQTT Guard: authentication failed internally; refusing the client", e);
      output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, REJECTED);
      async.resume();
    }
  }

  private void decide(
      SimpleAuthInput input,
      SimpleAuthOutput output,
      @Nullable ConnectOutcome outcome,
      @Nullable Throwable error) {
    if (outcome instanceof ConnectOutcome.Accepted accepted) {
      ConnectPacket connect = input.getConnectPacket();
      WillPublishPacket willPacket = connect.getWillPublish().orElse(null);
      WillVerdict will = willPacket == null ? null : willVerdict(willPacket, accepted.session());
      if (will instanceof WillVerdict.Allowed || will == null) {
        accept(input, output, accepted, willPacket, will == null ? null : allowed(will));
        return;
      }
      accepted.session().close(Duration.ZERO);
      outcome = new ConnectOutcome.Rejected(RejectReason.NOT_AUTHORIZED, will.auditDetail());
    }
    try {
      if (outcome instanceof ConnectOutcome.Rejected rejected) {
        output.failAuthentication(ReasonCodes.connack(rejected.reason()), REJECTED);
      } else {
        LOG.error("MQTT Guard: authentication failed internally; refusing the client", error);
        output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, REJECTED);
      }
    } catch (RuntimeException e) {
      LOG.debug("MQTT Guard: late rejection ignored (timeout already answered): {}", e.toString());
    }
  }

  /**
   * The core's verdict on the will of a CONNECT. Wills bypass HiveMQ's inbound interceptors, so
   * HiveMQ publishes a will as the client sent it: {@link WillPayloads#PASS_THROUGH_ONLY}.
   */
  private static WillVerdict willVerdict(WillPublishPacket will, ClientSession session) {
    byte[] payload = will.getPayload().map(HiveMqRequests::bytes).orElse(new byte[0]);
    return session.will(
        will.getTopic(),
        will.getQos().getQosNumber(),
        will.getRetain(),
        payload,
        WillPayloads.PASS_THROUGH_ONLY);
  }

  private static AcceptedWill allowed(WillVerdict will) {
    return ((WillVerdict.Allowed) will).will();
  }

  /**
   * Registers the session and lets the client in with deny-by-default permissions that allow only
   * its will (HiveMQ checks the will against them at CONNECT); {@link ClientHooks} sets the
   * connection's full permissions before the CONNACK.
   */
  private void accept(
      SimpleAuthInput input,
      SimpleAuthOutput output,
      ConnectOutcome.Accepted accepted,
      @Nullable WillPublishPacket will,
      @Nullable AcceptedWill acceptedWill) {
    ConnectPacket connect = input.getConnectPacket();
    try {
      ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
      permissions.clear();
      permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
      if (will != null) {
        permissions.add(
            builders
                .get()
                .topicFilter(will.getTopic())
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(TopicPermission.MqttActivity.PUBLISH)
                .qos(exactly(will.getQos()))
                .retain(
                    will.getRetain()
                        ? TopicPermission.Retain.RETAINED
                        : TopicPermission.Retain.NOT_RETAINED)
                .build());
      }
      sessions.add(
          input.getConnectionInformation().getConnectionAttributeStore(),
          accepted.session(),
          HiveMqRequests.sessionExpiry(connect),
          connect.getCleanStart(),
          acceptedWill);
      output.authenticateSuccessfully(true);
    } catch (RuntimeException e) {
      // e.g. the async timeout already answered: the broker refused the client after all
      sessions.remove(input.getConnectionInformation().getConnectionAttributeStore());
      accepted.session().close(Duration.ZERO);
      LOG.warn("MQTT Guard: accepted CONNECT could not be completed: {}", e.toString());
      try {
        output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, REJECTED);
      } catch (RuntimeException late) {
        LOG.debug("MQTT Guard: late rejection ignored: {}", late.toString());
      }
    }
  }

  private static TopicPermission.Qos exactly(Qos qos) {
    return switch (qos) {
      case AT_MOST_ONCE -> TopicPermission.Qos.ZERO;
      case AT_LEAST_ONCE -> TopicPermission.Qos.ONE;
      case EXACTLY_ONCE -> TopicPermission.Qos.TWO;
    };
  }
}

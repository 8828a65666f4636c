package io.mqttguard.moquette;

import io.moquette.broker.Server;
import io.mqttguard.guard.AcceptedWill;
import io.mqttguard.guard.ClientSession;
import io.mqttguard.guard.WillPayloads;
import io.mqttguard.guard.WillVerdict;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.jspecify.annotations.Nullable;

/**
 * Owns the wills of hooked connections; the will rules are the core's ({@link ClientSession#will},
 * {@link ClientSession#recheckWill}). Moquette 0.17 never sees a will (the hook forwards every
 * CONNECT without one), so Moquette can never publish the will of a client whose rights were
 * revoked, whatever the timing of its session loops. The hook publishes a will itself when the
 * connection ends without DISCONNECT, after the core re-checked it under the policy in force. As
 * the adapter publishes the stored bytes, it can publish a payload the rules replaced (decrypted):
 * {@link WillPayloads#REPLACEABLE}.
 *
 * <p>Thread-safe (stateless apart from its collaborators).
 */
final class Wills {
  private final Server server;
  private final AdapterAudit audit;

  Wills(Server server, AdapterAudit audit) {
    this.server = server;
    this.audit = audit;
  }

  /**
   * The core's verdict on the will of {@code connect}, or null if it has none. A will flag without
   * topic or message is checked as a will on the empty topic, which the core refuses.
   */
  static @Nullable WillVerdict check(MqttConnectMessage connect, ClientSession session) {
    MqttConnectVariableHeader vh = connect.variableHeader();
    if (!vh.isWillFlag()) {
      return null;
    }
    String topic = connect.payload().willTopic();
    byte[] payload = connect.payload().willMessageInBytes();
    return session.will(
        topic == null ? "" : topic,
        vh.willQos(),
        vh.isWillRetain(),
        payload == null ? new byte[0] : payload,
        WillPayloads.REPLACEABLE);
  }

  /**
   * Called on the I/O thread when {@code c}'s channel became inactive: publishes its will if the
   * client never sent DISCONNECT, was never revoked, was connected by Moquette (CONNACK 0), was not
   * taken over by a newer connection with its client ID (Moquette does not publish it then either)
   * and the core allows it again now. Never throws.
   */
  void onConnectionLost(Connection c, LiveConnections live) {
    AcceptedWill will = c.takeWill();
    if (will == null || !c.confirmed() || live.get(c.clientId()) != c) {
      return;
    }
    try {
      WillVerdict now = c.session().recheckWill(will);
      if (!(now instanceof WillVerdict.Allowed allowed)) {
        audit.deny(
            "will", c.clientId(), "NOT_AUTHORIZED", "will not published: " + now.auditDetail());
        return;
      }
      publish(allowed.will(), c.clientId());
    } catch (Throwable t) {
      audit.error("will", c.clientId(), t);
    }
  }

  private void publish(AcceptedWill will, String clientId) {
    var unused =
        server.internalPublish(
            MqttMessageBuilders.publish()
                .topicName(will.topic())
                .qos(MqttQoS.valueOf(will.qos()))
                .retained(will.retain())
                .payload(Unpooled.wrappedBuffer(will.payload())) // a fresh copy per call
                .build(),
            clientId);
  }
}

package io.mqttguard.moquette;

import io.moquette.broker.Server;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.jspecify.annotations.Nullable;

/**
 * Owns the wills of hooked connections. Moquette 0.17 never sees a will (the hook forwards every
 * CONNECT without one), so Moquette can never publish the will of a client whose rights were
 * revoked, whatever the timing of its session loops. The hook publishes a will itself when the
 * connection ends without DISCONNECT, after checking it again against the current policy.
 *
 * <p>Thread-safe (stateless apart from its collaborators).
 */
final class Wills {
  /** The will of one connection, with the payload the core allowed at CONNECT. */
  @SuppressWarnings("ArrayRecordComponent") // never shared: copied into a fresh buffer to publish
  record Will(String topic, int qos, boolean retain, byte[] payload) {}

  private final Server server;
  private final AdapterAudit audit;

  Wills(Server server, AdapterAudit audit) {
    this.server = server;
    this.audit = audit;
  }

  /** The will of {@code connect} with the allowed {@code payload}, or null if it has none. */
  static @Nullable Will of(MqttConnectMessage connect, byte @Nullable [] payload) {
    String topic = connect.payload().willTopic();
    if (!connect.variableHeader().isWillFlag() || topic == null || payload == null) {
      return null;
    }
    return new Will(
        topic,
        connect.variableHeader().willQos(),
        connect.variableHeader().isWillRetain(),
        payload);
  }

  /**
   * Called on the I/O thread when {@code c}'s channel became inactive: publishes its will if the
   * client never sent DISCONNECT, was never revoked, was connected by Moquette (CONNACK 0), was not
   * taken over by a newer connection with its client ID (Moquette does not publish it then either)
   * and may still publish it under the current policy. Never throws.
   */
  void onConnectionLost(Connection c, LiveClients live) {
    Will will = c.takeWill();
    if (will == null || !c.confirmed() || live.get(c.clientId()) != c) {
      return;
    }
    try {
      if (!c.session()
          .mayPublishWill(will.topic(), will.qos(), will.retain(), will.payload().length)) {
        audit.deny("will", c.clientId(), "NOT_AUTHORIZED", "will not published: not allowed now");
        return;
      }
      var unused =
          server.internalPublish(
              MqttMessageBuilders.publish()
                  .topicName(will.topic())
                  .qos(MqttQoS.valueOf(will.qos()))
                  .retained(will.retain())
                  .payload(Unpooled.copiedBuffer(will.payload()))
                  .build(),
              c.clientId());
    } catch (Throwable t) {
      audit.error("will", c.clientId(), t);
    }
  }
}

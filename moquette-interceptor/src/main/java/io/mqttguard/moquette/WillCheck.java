package io.mqttguard.moquette;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import org.jspecify.annotations.Nullable;

/**
 * Checks the will of a CONNECT as a publish of the connecting client (Moquette 0.17 never checks
 * wills) and runs the payload rules on it, so that a protected will is stored decrypted.
 */
final class WillCheck {
  private WillCheck() {}

  /** The outcome of {@link #check}. */
  sealed interface Result permits Allowed, Denied {}

  /** The will (if any) may be stored with {@code payload} (null when there is no will). */
  @SuppressWarnings("ArrayRecordComponent")
  record Allowed(byte @Nullable [] payload) implements Result {}

  /** The CONNECT must be refused; {@code detail} is for the audit log. */
  record Denied(String detail) implements Result {}

  static Result check(MqttConnectMessage connect, Gate.Session session) {
    MqttConnectVariableHeader vh = connect.variableHeader();
    if (!vh.isWillFlag()) {
      return new Allowed(null);
    }
    String topic = connect.payload().willTopic();
    byte[] payload = connect.payload().willMessageInBytes();
    if (topic == null || payload == null) {
      return new Denied("will flag without topic or message");
    }
    Gate.Payload outcome = session.inbound(topic, vh.willQos(), vh.isWillRetain(), payload);
    if (outcome instanceof Gate.Denied denied) {
      return new Denied("will topic not allowed: " + topic + " (" + denied.reason() + ")");
    }
    if (outcome instanceof Gate.Refuse refuse) {
      return new Denied("will payload refused: " + refuse.reason());
    }
    return new Allowed(outcome instanceof Gate.Replace r ? r.payload() : payload);
  }
}

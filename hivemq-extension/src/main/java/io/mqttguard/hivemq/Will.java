package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.packets.connect.WillPublishPacket;
import io.mqttguard.guard.ClientSession;
import io.mqttguard.guard.InboundPublish;
import io.mqttguard.payload.Outcome;

/**
 * A will as accepted at CONNECT. Wills bypass HiveMQ's inbound interceptors, so their payload
 * cannot be replaced: a will is allowed only if the client may publish it and its payload passes
 * the payload rules unchanged. Kept per connection so a reload can re-check it. Immutable; the
 * payload never appears in {@link #toString()}.
 */
final class Will {
  private final String topic;
  private final int qos;
  private final boolean retain;
  private final byte[] payload;

  Will(String topic, int qos, boolean retain, byte[] payload) {
    this.topic = topic;
    this.qos = qos;
    this.retain = retain;
    this.payload = payload;
  }

  /** Copies the will of a CONNECT. */
  static Will of(WillPublishPacket will) {
    return new Will(
        will.getTopic(),
        will.getQos().getQosNumber(),
        will.getRetain(),
        will.getPayload().map(HiveMqRequests::bytes).orElse(new byte[0]));
  }

  /** Whether {@code session}'s current policy allows this will (see the class comment). */
  boolean allowedBy(ClientSession session) {
    InboundPublish verdict = session.inbound(topic, qos, retain, payload.clone());
    return verdict instanceof InboundPublish.Checked checked
        && checked.payload() instanceof Outcome.PassThrough;
  }

  @Override
  public String toString() {
    return "Will[topic=" + topic + ", qos=" + qos + ", retain=" + retain + "]";
  }
}

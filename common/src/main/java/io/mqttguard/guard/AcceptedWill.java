package io.mqttguard.guard;

import static java.util.Objects.requireNonNull;

/**
 * A will the core accepted at CONNECT ({@link ClientSession#will}): what to publish when the
 * connection is lost, and what the core needs to check it again ({@link ClientSession#recheckWill})
 * when the connection is lost or after a reload. Only the core creates it. Immutable; the payload
 * never appears in {@link #toString()}.
 */
public final class AcceptedWill {
  private final String topic;
  private final int qos;
  private final boolean retain;
  private final byte[] payload;
  private final int receivedBytes;
  private final boolean protectedPayload;
  private final WillPayloads capability;

  AcceptedWill(
      String topic,
      int qos,
      boolean retain,
      byte[] payload,
      int receivedBytes,
      boolean protectedPayload,
      WillPayloads capability) {
    this.topic = requireNonNull(topic, "topic");
    this.qos = qos;
    this.retain = retain;
    this.payload = payload.clone();
    this.receivedBytes = receivedBytes;
    this.protectedPayload = protectedPayload;
    this.capability = requireNonNull(capability, "capability");
  }

  /**
   * A will as the client sent it, not checked by the core: a re-check ({@link
   * ClientSession#recheckWill}) runs every rule on it, the payload rules on its bytes included, so
   * it can never skip a check. For wills restored from elsewhere and for adapters' tests; a CONNECT
   * is checked with {@link ClientSession#will}.
   */
  public static AcceptedWill asReceived(
      String topic, int qos, boolean retain, byte[] payload, WillPayloads capability) {
    return new AcceptedWill(topic, qos, retain, payload, payload.length, false, capability);
  }

  /** The will topic. */
  public String topic() {
    return topic;
  }

  /** The will QoS (0..2). */
  public int qos() {
    return qos;
  }

  /** The will retain flag. */
  public boolean retain() {
    return retain;
  }

  /**
   * The payload to publish: the received bytes, or the bytes the payload rules replaced them with
   * (only for {@link WillPayloads#REPLACEABLE}). A fresh copy on each call.
   */
  public byte[] payload() {
    return payload.clone();
  }

  /** The size of the payload the client sent (what the ACL's size limits are checked against). */
  int receivedBytes() {
    return receivedBytes;
  }

  /**
   * Whether the payload rules accepted a protected payload at CONNECT (replaced it, or verified a
   * stamp they keep as sent): such a will is not verified again (it would be its own replay).
   */
  boolean protectedPayload() {
    return protectedPayload;
  }

  /** What the broker that stores this will can do with its payload. */
  WillPayloads capability() {
    return capability;
  }

  @Override
  public String toString() {
    return "AcceptedWill[topic=" + topic + ", qos=" + qos + ", retain=" + retain + "]";
  }
}

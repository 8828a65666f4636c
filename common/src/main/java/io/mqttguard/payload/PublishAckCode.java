package io.mqttguard.payload;

/**
 * The MQTT 5 PUBACK/PUBREC reason code a refused payload is answered with. Only codes that MQTT 5
 * allows in a PUBACK or PUBREC (MQTT 5.0 §3.4.2.1, §3.5.2.1) exist here, so an adapter can map each
 * constant to its broker's type with an exhaustive switch. Immutable.
 */
public enum PublishAckCode {
  /** 0x87: the publish is not authorized (key, time, replay and authentication problems). */
  NOT_AUTHORIZED(0x87),
  /** 0x90: the topic name is not malformed but not accepted. */
  TOPIC_NAME_INVALID(0x90),
  /** 0x97: an implementation or administratively imposed limit has been exceeded. */
  QUOTA_EXCEEDED(0x97),
  /** 0x99: the payload does not match its format (not an envelope or stamp, or malformed). */
  PAYLOAD_FORMAT_INVALID(0x99);

  private final int value;

  PublishAckCode(int value) {
    this.value = value;
  }

  /** The reason code byte, e.g. {@code 0x97}. */
  public int value() {
    return value;
  }
}

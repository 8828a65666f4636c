package io.mqttguard.payload;

/**
 * Why a payload was refused. Every cause has its own constant (for the audit log); the MQTT 5
 * reason code sent to the client is deliberately coarse so that a client learns nothing it did not
 * already know (e.g. a bit flip and a wrong key both look like {@code NOT_AUTHORIZED}).
 */
public enum RefusalReason {
  /** Shorter than the fixed header plus tag, or a trailer that does not fit. */
  TRUNCATED(Mqtt5.PAYLOAD_FORMAT_INVALID),
  /** Version byte other than 1. */
  UNKNOWN_VERSION(Mqtt5.PAYLOAD_FORMAT_INVALID),
  /** Algorithm byte not defined (or not allowed for this rule). */
  UNKNOWN_ALGORITHM(Mqtt5.PAYLOAD_FORMAT_INVALID),
  /** Reserved flag bits set. */
  MALFORMED_HEADER(Mqtt5.PAYLOAD_FORMAT_INVALID),
  /** A protected topic received a payload that is not an envelope / stamped payload. */
  UNPROTECTED(Mqtt5.PAYLOAD_FORMAT_INVALID),
  /** The key ID is not configured for this topic's rule. */
  UNKNOWN_KEY(Mqtt5.NOT_AUTHORIZED),
  /** The key ID is configured but disabled (rotated out). */
  KEY_DISABLED(Mqtt5.NOT_AUTHORIZED),
  /** The AEAD tag did not verify: bit flip, wrong topic, wrong client ID or wrong key. */
  AUTHENTICATION_FAILED(Mqtt5.NOT_AUTHORIZED),
  /** The rule requires the envelope to be bound to the publisher's client ID and it is not. */
  CLIENT_BINDING_REQUIRED(Mqtt5.NOT_AUTHORIZED),
  /** The HMAC-SHA256 trailer did not verify. */
  HMAC_INVALID(Mqtt5.NOT_AUTHORIZED),
  /** The signature did not verify. */
  SIGNATURE_INVALID(Mqtt5.NOT_AUTHORIZED),
  /** The signing key does not belong to the publishing identity. */
  SIGNER_NOT_PUBLISHER(Mqtt5.NOT_AUTHORIZED),
  /** The timestamp is older than the replay window. */
  TIMESTAMP_EXPIRED(Mqtt5.NOT_AUTHORIZED),
  /** The timestamp is further in the future than the replay window. */
  TIMESTAMP_IN_FUTURE(Mqtt5.NOT_AUTHORIZED),
  /** The same (key ID, nonce) or the same tag was seen inside the replay window. */
  REPLAYED(Mqtt5.NOT_AUTHORIZED),
  /** The seen-nonce cache is full of entries still inside the window (fails closed). */
  REPLAY_CACHE_FULL(Mqtt5.QUOTA_EXCEEDED),
  /** Larger than the configured maximum for the rule. */
  OVERSIZE(Mqtt5.PACKET_TOO_LARGE),
  /** The topic is not a valid MQTT topic name. */
  INVALID_TOPIC(Mqtt5.TOPIC_NAME_INVALID);

  private final Mqtt5 code;

  RefusalReason(Mqtt5 code) {
    this.code = code;
  }

  /** The MQTT 5 reason code to send (PUBACK/PUBREC), e.g. {@code 0x99}. */
  public int mqtt5ReasonCode() {
    return code.value;
  }

  /** The MQTT 5 reason code name, e.g. {@code PAYLOAD_FORMAT_INVALID}. */
  public String mqtt5ReasonName() {
    return code.name();
  }

  private enum Mqtt5 {
    PAYLOAD_FORMAT_INVALID(0x99),
    NOT_AUTHORIZED(0x87),
    QUOTA_EXCEEDED(0x97),
    PACKET_TOO_LARGE(0x95),
    TOPIC_NAME_INVALID(0x90);

    private final int value;

    Mqtt5(int value) {
      this.value = value;
    }
  }
}

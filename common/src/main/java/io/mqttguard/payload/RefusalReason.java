package io.mqttguard.payload;

/**
 * Why a payload was refused. Every cause has its own constant (for the audit log); the MQTT 5
 * reason code sent to the client ({@link #ackCode()}) is deliberately coarse so that a client
 * learns nothing it did not already know (e.g. a bit flip and a wrong key both look like {@code
 * NOT_AUTHORIZED}).
 */
public enum RefusalReason {
  /** Shorter than the fixed header plus tag, or a trailer that does not fit. */
  TRUNCATED(PublishAckCode.PAYLOAD_FORMAT_INVALID),
  /** Version byte 0x03..0x0F (reserved; 1 and 2 are known). */
  UNKNOWN_VERSION(PublishAckCode.PAYLOAD_FORMAT_INVALID),
  /** Algorithm byte not defined (or not allowed for this rule). */
  UNKNOWN_ALGORITHM(PublishAckCode.PAYLOAD_FORMAT_INVALID),
  /** Reserved flag bits set. */
  MALFORMED_HEADER(PublishAckCode.PAYLOAD_FORMAT_INVALID),
  /** A protected topic received a payload that is not an envelope / stamped payload. */
  UNPROTECTED(PublishAckCode.PAYLOAD_FORMAT_INVALID),
  /** The key ID is not configured for this topic's rule. */
  UNKNOWN_KEY(PublishAckCode.NOT_AUTHORIZED),
  /** The key ID is configured but disabled (rotated out). */
  KEY_DISABLED(PublishAckCode.NOT_AUTHORIZED),
  /** The AEAD tag did not verify: bit flip, wrong topic, wrong client ID or wrong key. */
  AUTHENTICATION_FAILED(PublishAckCode.NOT_AUTHORIZED),
  /** The rule requires the envelope to be bound to the publisher's client ID and it is not. */
  CLIENT_BINDING_REQUIRED(PublishAckCode.NOT_AUTHORIZED),
  /** The HMAC-SHA256 trailer did not verify. */
  HMAC_INVALID(PublishAckCode.NOT_AUTHORIZED),
  /** The signature did not verify. */
  SIGNATURE_INVALID(PublishAckCode.NOT_AUTHORIZED),
  /** The signing key does not belong to the publishing identity. */
  SIGNER_NOT_PUBLISHER(PublishAckCode.NOT_AUTHORIZED),
  /** The timestamp is older than the replay window. */
  TIMESTAMP_EXPIRED(PublishAckCode.NOT_AUTHORIZED),
  /** The timestamp is further in the future than the replay window. */
  TIMESTAMP_IN_FUTURE(PublishAckCode.NOT_AUTHORIZED),
  /** The same (key ID, nonce) or the same tag was seen inside the replay window. */
  REPLAYED(PublishAckCode.NOT_AUTHORIZED),
  /** The seen-nonce cache is full of entries still inside the window (fails closed). */
  REPLAY_CACHE_FULL(PublishAckCode.QUOTA_EXCEEDED),
  /**
   * The publisher already holds its share of the seen-nonce cache ({@code replay.maxPerPublisher}
   * of {@code payload.json}): one key holder cannot fill the cache for everyone.
   */
  REPLAY_QUOTA_EXCEEDED(PublishAckCode.QUOTA_EXCEEDED),
  /**
   * Larger than the configured maximum for the rule: a size limit, so {@code QUOTA_EXCEEDED} (MQTT
   * 5 does not allow {@code PACKET_TOO_LARGE} 0x95 in a PUBACK/PUBREC).
   */
  OVERSIZE(PublishAckCode.QUOTA_EXCEEDED),
  /** The topic is not a valid MQTT topic name. */
  INVALID_TOPIC(PublishAckCode.TOPIC_NAME_INVALID);

  private final PublishAckCode ackCode;

  RefusalReason(PublishAckCode ackCode) {
    this.ackCode = ackCode;
  }

  /** The refusal for a failure of the wire-format library (same names). */
  public static RefusalReason of(io.mqttguard.envelope.FailureReason failure) {
    return valueOf(failure.name());
  }

  /** The MQTT 5 PUBACK/PUBREC reason code to send for this refusal. */
  public PublishAckCode ackCode() {
    return ackCode;
  }

  /** The MQTT 5 reason code byte to send (PUBACK/PUBREC), e.g. {@code 0x99}. */
  public int mqtt5ReasonCode() {
    return ackCode.value();
  }
}

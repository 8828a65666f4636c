package io.mqttguard.envelope;

/**
 * Why opening, verifying or sealing failed. The names are those of the broker's {@code
 * RefusalReason} (and of the {@code reason} field of {@code docs/payload-vectors.json}).
 */
public enum FailureReason {
  /** Shorter than the version's fixed header plus tag, signature or MAC. */
  TRUNCATED,
  /** Version byte {@code 0x03..0x0F} (reserved). */
  UNKNOWN_VERSION,
  /** Algorithm byte undefined, of the wrong kind, or not the key's algorithm. */
  UNKNOWN_ALGORITHM,
  /** Reserved flag bits set (for version 1 stamps: any flag bit). */
  MALFORMED_HEADER,
  /** Empty, or a first byte that is not a version of the wire format at all. */
  UNPROTECTED,
  /** No key with the key ID of the header. */
  UNKNOWN_KEY,
  /** The AEAD tag did not verify (or sealing an envelope failed). */
  AUTHENTICATION_FAILED,
  /** Bound to a client ID, but none was given. */
  CLIENT_BINDING_REQUIRED,
  /** The HMAC-SHA256 tag did not verify (or stamping failed). */
  HMAC_INVALID,
  /** The signature did not verify (or signing failed). */
  SIGNATURE_INVALID,
  /** The topic is not a valid MQTT topic name, or a client ID is over 65535 UTF-8 bytes. */
  INVALID_TOPIC
}

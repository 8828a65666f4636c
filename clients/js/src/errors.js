/**
 * The broker's refusal reasons (`io.mqttguard.payload.RefusalReason`) that opening or verifying
 * can produce here. Replay, owner and size checks need broker state and are not made by this
 * library.
 * @type {readonly string[]}
 */
export const REASONS = Object.freeze([
  'TRUNCATED',
  'UNKNOWN_VERSION',
  'UNKNOWN_ALGORITHM',
  'MALFORMED_HEADER',
  'UNPROTECTED',
  'UNKNOWN_KEY',
  'KEY_DISABLED',
  'AUTHENTICATION_FAILED',
  'CLIENT_BINDING_REQUIRED',
  'HMAC_INVALID',
  'SIGNATURE_INVALID',
  'TIMESTAMP_EXPIRED',
  'TIMESTAMP_IN_FUTURE',
]);

/**
 * An envelope or stamp was refused. `reason` is the name the broker audits for the same refusal
 * (e.g. `AUTHENTICATION_FAILED`); the message never contains key material or payload bytes.
 */
export class PayloadError extends Error {
  /**
   * @param {string} reason one of {@link REASONS}
   * @param {number} [keyId] the key ID read from the payload, when it got that far
   */
  constructor(reason, keyId) {
    super(`payload protection failed (${reason})`);
    this.name = 'PayloadError';
    /** @type {string} */
    this.reason = reason;
    /** @type {number | undefined} */
    this.keyId = keyId;
  }
}

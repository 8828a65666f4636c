// Envelopes: AES-256-GCM or ChaCha20-Poly1305 over the payload, header and topic (and client ID)
// authenticated as AAD. docs/payload-envelope.md §1; version 2 only changes the version byte.
import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PayloadError } from './errors.js';
import { checkBindingAndTime } from './freshness.js';
import { keyForOpening, sealingKey, symmetricKey } from './keys.js';
import {
  ALGORITHMS, ENVELOPE_HEADER_LENGTH, TAG_LENGTH, boundData, bytes, checkVersion, mqttString,
  nonceFrom, readHeader, seconds, writeHeader,
} from './wire.js';

/**
 * Encrypts `plaintext` into an envelope bound to `topic` (and to `clientId` if given).
 * A fresh 12-byte nonce comes from `random` (crypto.randomBytes) for every call.
 *
 * @param {Uint8Array | string} plaintext (a string is taken as UTF-8)
 * @param {object} options
 * @param {import('./keys.js').Key} options.key an AES-256-GCM or CHACHA20-POLY1305 key
 * @param {string} options.topic the topic name the envelope will be published on
 * @param {string} [options.clientId] binds the envelope to the publisher's client ID
 * @param {1 | 2} [options.version] wire format version, default 2
 * @param {() => number} [options.clock] milliseconds since the epoch, default Date.now
 * @param {(size: number) => Uint8Array} [options.random] default crypto.randomBytes
 * @returns {Buffer} header ‖ ciphertext ‖ tag (43 + plaintext length bytes)
 */
export function seal(plaintext, { key, topic, clientId, version = 2, clock = Date.now, random = randomBytes }) {
  sealingKey(key, ['aead'], 'seal an envelope (needs AES-256-GCM or CHACHA20-POLY1305)');
  const t = mqttString(topic, 'topic');
  const c = clientId === undefined || clientId === null ? undefined : mqttString(clientId, 'clientId');
  const header = writeHeader({
    version: checkVersion(version),
    algorithm: key.algorithm,
    bound: c !== undefined,
    keyId: key.id,
    timestamp: seconds(clock),
    nonce: nonceFrom(random),
  });
  const cipher = createCipheriv(ALGORITHMS[key.algorithm].cipher, symmetricKey(key, topic), header.subarray(15), {
    authTagLength: TAG_LENGTH,
  });
  cipher.setAAD(boundData(header, t, c));
  const body = [cipher.update(bytes(plaintext, 'plaintext')), cipher.final(), cipher.getAuthTag()];
  return Buffer.concat([header, ...body]);
}

/**
 * @typedef {object} Opened
 * @property {Buffer} payload the plaintext (envelope) or the payload after the stamp
 * @property {1 | 2} version
 * @property {string} algorithm
 * @property {number} keyId
 * @property {number} timestamp seconds since the epoch
 * @property {boolean} bound whether it is bound to a client ID
 */

/**
 * Opens an envelope with the checks of the broker's `decrypt` rule, in its order (replay
 * tracking excepted: that needs state). Never returns unauthenticated plaintext.
 *
 * @param {Uint8Array} envelope
 * @param {object} options
 * @param {import('./keys.js').Key | import('./keys.js').Key[]} options.keys candidates, by key ID
 * @param {string} options.topic the topic it was published on
 * @param {string} [options.clientId] the publisher's client ID (needed for bound envelopes)
 * @param {boolean} [options.requireClientBinding] refuse unbound envelopes
 * @param {number} [options.windowSeconds] check the timestamp against clock() ± this
 * @param {() => number} [options.clock] milliseconds since the epoch, default Date.now
 * @returns {Opened}
 * @throws {import('./errors.js').PayloadError} with the broker's reason
 */
export function open(envelope, options) {
  const p = bytes(envelope, 'envelope');
  const t = mqttString(options.topic, 'topic');
  const h = readHeader(p, 'envelope');
  const key = keyForOpening(options.keys, h.keyId, h.algorithm);
  checkBindingAndTime(h, options);
  const c = h.bound && typeof options.clientId === 'string' ? mqttString(options.clientId, 'clientId') : undefined;
  if (h.bound && c === undefined) throw new PayloadError('AUTHENTICATION_FAILED', h.keyId);
  const end = p.length - TAG_LENGTH;
  try {
    const decipher = createDecipheriv(ALGORITHMS[h.algorithm].cipher, symmetricKey(key, options.topic), p.subarray(15, 27), {
      authTagLength: TAG_LENGTH,
    });
    decipher.setAAD(boundData(p.subarray(0, ENVELOPE_HEADER_LENGTH), t, c));
    decipher.setAuthTag(p.subarray(end));
    const payload = Buffer.concat([decipher.update(p.subarray(ENVELOPE_HEADER_LENGTH, end)), decipher.final()]);
    return { payload, version: h.version, algorithm: h.algorithm, keyId: h.keyId, timestamp: h.timestamp, bound: h.bound };
  } catch {
    throw new PayloadError('AUTHENTICATION_FAILED', h.keyId);
  }
}

// Stamps: HMAC-SHA256, Ed25519 or ECDSA P-256 over header ‖ topic ‖ [client ID] ‖ payload,
// prefixed to the cleartext. docs/payload-envelope.md §2 (v1: no nonce, never bound) and the
// version 2 stamp (27-byte header with a random nonce, optional client binding).
import { Buffer } from 'node:buffer';
import { createHmac, randomBytes, sign, timingSafeEqual, verify as verifySignature } from 'node:crypto';
import { PayloadError } from './errors.js';
import { checkBindingAndTime } from './freshness.js';
import { asPrivateKey, keyForOpening, publicKeyOf, sealingKey, signatureAlgorithmOf, symmetricKey } from './keys.js';
import {
  ALGORITHMS, boundData, bytes, checkVersion, mqttString, nonceFrom, readHeader, seconds, writeHeader,
} from './wire.js';

/**
 * Prefixes `payload` with a stamp for `topic`: an HMAC-SHA256 tag (key with `material`) or a
 * signature (key with `privateKey`: a KeyObject or PKCS#8 PEM; ED25519 or ECDSA-P256, the
 * algorithm is taken from the key when not given). Version 2 (the default) carries a fresh
 * random nonce, so equal payloads stamped in the same second differ, and may be bound to
 * `clientId`; version 1 can not.
 *
 * @param {Uint8Array | string} payload (a string is taken as UTF-8)
 * @param {object} options
 * @param {import('./keys.js').Key} options.key
 * @param {string} options.topic
 * @param {string} [options.clientId] version 2 only
 * @param {1 | 2} [options.version] default 2
 * @param {() => number} [options.clock] milliseconds since the epoch, default Date.now
 * @param {(size: number) => Uint8Array} [options.random] default crypto.randomBytes
 * @returns {Buffer} header ‖ tag or signature ‖ payload
 */
export function stamp(payload, { key, topic, clientId, version = 2, clock = Date.now, random = randomBytes }) {
  const k = stampingKey(key);
  const t = mqttString(topic, 'topic');
  const bound = clientId !== undefined && clientId !== null;
  if (bound && checkVersion(version) === 1) {
    throw new RangeError('version 1 stamps cannot be bound to a client ID');
  }
  const c = bound ? mqttString(clientId, 'clientId') : undefined;
  const header = writeHeader({
    version: checkVersion(version),
    algorithm: k.algorithm,
    bound,
    keyId: k.id,
    timestamp: seconds(clock),
    nonce: version === 2 ? nonceFrom(random) : undefined,
  });
  const body = bytes(payload, 'payload');
  const m = Buffer.concat([boundData(header, t, c), body]);
  return Buffer.concat([header, tagOf(k, topic, m), body]);
}

function stampingKey(key) {
  if (key?.privateKey && key.material === undefined) {
    const privateKey = asPrivateKey(key.privateKey);
    const algorithm = signatureAlgorithmOf(privateKey);
    if (!algorithm) throw new RangeError('privateKey must be an Ed25519 or ECDSA P-256 key');
    if (key.algorithm !== undefined && key.algorithm !== algorithm) {
      throw new RangeError(`key ${key.id} is ${key.algorithm}, but privateKey is an ${algorithm} key`);
    }
    return sealingKey({ ...key, algorithm, privateKey }, ['signature'], 'sign');
  }
  return sealingKey(key, ['mac'], 'make an HMAC stamp (needs HMAC-SHA256, or a privateKey to sign)');
}

function tagOf(key, topic, m) {
  switch (key.algorithm) {
    case 'HMAC-SHA256':
      return createHmac('sha256', symmetricKey(key, topic)).update(m).digest();
    case 'ED25519':
      return sign(null, m, key.privateKey);
    default:
      return sign('sha256', m, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  }
}

/**
 * Verifies a stamp with the checks of the broker's `verify-hmac`/`verify-signature` rules, in
 * their order (replay tracking and the signer's owner excepted: they need broker state), and
 * returns the payload after it. For subscribers of `"keepStamp": true` topics.
 *
 * @param {Uint8Array} stamped
 * @param {object} options
 * @param {import('./keys.js').Key | import('./keys.js').Key[]} options.keys HMAC keys with
 *   `material`, signature keys with `publicKey` (KeyObject or SPKI DER) or `privateKey`
 * @param {string} options.topic
 * @param {string} [options.clientId] the publisher's client ID (needed for bound stamps)
 * @param {boolean} [options.requireClientBinding] refuse unbound stamps (all v1 stamps)
 * @param {number} [options.windowSeconds] check the timestamp against clock() ± this
 * @param {() => number} [options.clock] milliseconds since the epoch, default Date.now
 * @returns {import('./envelope.js').Opened}
 * @throws {PayloadError} with the broker's reason
 */
export function verify(stamped, options) {
  const p = bytes(stamped, 'stamped');
  const t = mqttString(options.topic, 'topic');
  const h = readHeader(p, 'stamp');
  const key = keyForOpening(options.keys, h.keyId, h.algorithm);
  checkBindingAndTime(h, options);
  const failed = ALGORITHMS[h.algorithm].kind === 'mac' ? 'HMAC_INVALID' : 'SIGNATURE_INVALID';
  const c = h.bound && typeof options.clientId === 'string' ? mqttString(options.clientId, 'clientId') : undefined;
  if (h.bound && c === undefined) throw new PayloadError(failed, h.keyId);
  const tagEnd = h.headerLength + ALGORITHMS[h.algorithm].length;
  const header = p.subarray(0, h.headerLength);
  const m = Buffer.concat([boundData(header, t, c), p.subarray(tagEnd)]);
  if (!authentic(key, options.topic, m, p.subarray(h.headerLength, tagEnd))) {
    throw new PayloadError(failed, h.keyId);
  }
  const payload = Buffer.from(p.subarray(tagEnd));
  return { payload, version: h.version, algorithm: h.algorithm, keyId: h.keyId, timestamp: h.timestamp, bound: h.bound };
}

function authentic(key, topic, m, tag) {
  try {
    switch (key.algorithm) {
      case 'HMAC-SHA256':
        return timingSafeEqual(createHmac('sha256', symmetricKey(key, topic)).update(m).digest(), tag);
      case 'ED25519':
        return verifySignature(null, m, publicKeyOf(key), tag);
      default:
        return verifySignature('sha256', m, { key: publicKeyOf(key), dsaEncoding: 'ieee-p1363' }, tag);
    }
  } catch {
    return false;
  }
}

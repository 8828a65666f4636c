// Keys: per-topic derivation (docs/payload-envelope.md §4), keys.json parsing
// (docs/payload-rules.md), and picking the key for an operation. Stateless.
import { Buffer } from 'node:buffer';
import { createPrivateKey, createPublicKey, hkdfSync, KeyObject } from 'node:crypto';
import { PayloadError } from './errors.js';
import { ALGORITHMS, bytes, checkKeyId, mqttString } from './wire.js';

const LABEL = Buffer.from('mqtt-guard/v1 topic-key\u0000', 'latin1');
const STATUSES = ['primary', 'enabled', 'disabled'];
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * @typedef {object} Key A key as keys.json describes it (material decoded).
 * @property {number} id uint32 ≥ 1, written into every envelope/stamp
 * @property {string} algorithm 'AES-256-GCM' | 'CHACHA20-POLY1305' | 'HMAC-SHA256' | 'ED25519' | 'ECDSA-P256'
 * @property {'primary' | 'enabled' | 'disabled'} [status] default 'enabled'
 * @property {Uint8Array} [material] symmetric key (or master key with derive)
 * @property {'topic'} [derive] per-topic keys derived from material by HKDF
 * @property {KeyObject} [publicKey] signature keys: to verify
 * @property {KeyObject} [privateKey] signature keys: to sign
 */

/**
 * The key a device uses on `topic` for a `"derive": "topic"` master key:
 * HKDF-SHA256(master, salt empty, info "mqtt-guard/v1 topic-key" ‖ 0x00 ‖ u32be(keyId) ‖ topic, 32).
 * @param {Uint8Array} master
 * @param {number} keyId
 * @param {string} topic
 * @returns {Buffer} 32 bytes
 */
export function deriveTopicKey(master, keyId, topic) {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(checkKeyId(keyId));
  const info = Buffer.concat([LABEL, id, mqttString(topic, 'topic')]);
  return Buffer.from(hkdfSync('sha256', bytes(master, 'master'), Buffer.alloc(0), info, 32));
}

/** The symmetric key for `topic`: the material, or the key derived from it. */
export function symmetricKey(key, topic) {
  const material = bytes(key.material ?? fail(`key ${key.id} has no material`), 'material');
  const k = key.derive === 'topic' ? deriveTopicKey(material, key.id, topic) : material;
  const kind = ALGORITHMS[key.algorithm].kind;
  const ok = kind === 'aead' ? k.length === 32 : k.length >= 32 && k.length <= 64;
  if (!ok) {
    throw new RangeError(`key ${key.id} (${key.algorithm}) must be ${kind === 'aead' ? '32' : '32..64'} bytes`);
  }
  return k;
}

/**
 * Checks a caller's sealing key: a known algorithm of `kinds`, a valid ID, not disabled.
 * @returns {Key}
 */
export function sealingKey(key, kinds, operation) {
  if (!key || typeof key !== 'object') throw new TypeError('key must be a key object');
  checkKeyId(key.id);
  const a = ALGORITHMS[key.algorithm];
  if (!a || !kinds.includes(a.kind)) {
    throw new RangeError(`key ${key.id} (${key.algorithm}) cannot ${operation}`);
  }
  if (key.status === 'disabled') throw new RangeError(`key ${key.id} (${key.algorithm}) is disabled`);
  return key;
}

/**
 * The key with the payload's key ID for opening/verifying, as the broker picks it.
 * @param {Key | Key[]} keys
 * @throws {PayloadError} UNKNOWN_KEY, KEY_DISABLED, UNKNOWN_ALGORITHM
 */
export function keyForOpening(keys, keyId, algorithm) {
  const list = Array.isArray(keys) ? keys : keys ? [keys] : [];
  const key = list.find((k) => k.id === keyId);
  if (!key) throw new PayloadError('UNKNOWN_KEY', keyId);
  if (key.status === 'disabled') throw new PayloadError('KEY_DISABLED', keyId);
  if (key.algorithm !== algorithm) throw new PayloadError('UNKNOWN_ALGORITHM', keyId);
  return key;
}

/** The public key to verify with: `publicKey`, else the public half of `privateKey`. */
export function publicKeyOf(key) {
  if (key.publicKey) return asPublicKey(key.publicKey);
  if (key.privateKey) return createPublicKey(asPrivateKey(key.privateKey));
  throw new RangeError(`key ${key.id} (${key.algorithm}) has no publicKey`);
}

/** A KeyObject from a KeyObject or PKCS#8 PEM (string or bytes). */
export function asPrivateKey(k) {
  return k instanceof KeyObject ? k : createPrivateKey(typeof k === 'string' ? k : bytes(k, 'privateKey'));
}

/** A KeyObject from a KeyObject or SubjectPublicKeyInfo DER bytes. */
function asPublicKey(k) {
  return k instanceof KeyObject ? k : createPublicKey({ key: bytes(k, 'publicKey'), format: 'der', type: 'spki' });
}

/**
 * The signature algorithm name ('ED25519' | 'ECDSA-P256') of a private or public key, or
 * undefined for any other key type or curve.
 * @param {KeyObject} key
 */
export function signatureAlgorithmOf(key) {
  if (key.asymmetricKeyType === 'ed25519') return 'ED25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return 'ECDSA-P256';
  }
  return undefined;
}

/** Error in a keys.json file: the message names the file and the JSON pointer. */
export class KeysError extends Error {
  constructor(source, pointer, problem) {
    super(`${source}: ${pointer}: ${problem}`);
    this.name = 'KeysError';
  }
}

/**
 * Parses keys.json (docs/payload-rules.md) into frozen {@link Key}s, checking what the broker's
 * loader checks (IDs, algorithms, status, base64, key lengths, public keys, one primary per kind).
 * Never puts key material into a message.
 * @param {string | object} json the file's text or parsed value
 * @param {string} [source] file name for messages
 * @returns {Key[]}
 * @throws {KeysError}
 */
export function parseKeys(json, source = 'keys.json') {
  let doc = json;
  if (typeof json === 'string') {
    try {
      doc = JSON.parse(json);
    } catch (e) {
      throw new KeysError(source, '', `not valid JSON (${e.message})`);
    }
  }
  if (!Array.isArray(doc?.keys)) throw new KeysError(source, '/keys', 'expected an array of keys');
  const keys = doc.keys.map((entry, i) => parseEntry(entry, `/keys/${i}`, source));
  checkUnique(keys, source);
  return keys;
}

function parseEntry(e, at, source) {
  const bad = (field, problem) => new KeysError(source, `${at}${field}`, problem);
  if (!e || typeof e !== 'object' || Array.isArray(e)) throw bad('', 'expected an object');
  if (!Number.isInteger(e.id) || e.id < 1 || e.id > 0xffffffff) throw bad('/id', 'expected an integer 1..4294967295');
  const a = ALGORITHMS[e.algorithm];
  if (!a) throw bad('/algorithm', `expected one of ${Object.keys(ALGORITHMS).join(', ')}`);
  if (!STATUSES.includes(e.status)) throw bad('/status', `expected one of ${STATUSES.join(', ')}`);
  const key = { id: e.id, algorithm: e.algorithm, status: e.status };
  if (a.kind === 'signature') {
    if (e.status === 'primary') throw bad('/status', 'signature keys are enabled or disabled, never primary');
    if (e.derive !== undefined) throw bad('/derive', 'signature keys are never derived');
    key.publicKey = parsePublicKey(e.publicKey, e.algorithm, (p) => bad('/publicKey', p));
  } else {
    if (e.derive !== undefined && e.derive !== 'topic') throw bad('/derive', 'expected "topic"');
    if (e.status === 'disabled') return Object.freeze(key); // as the broker: material not needed, not kept
    const material = base64(e.material, (p) => bad('/material', p));
    const ok = a.kind === 'aead' ? material.length === 32 : material.length >= 32 && material.length <= 64;
    if (!ok) throw bad('/material', `expected ${a.kind === 'aead' ? '32' : '32..64'} bytes for ${e.algorithm}`);
    key.material = material;
    if (e.derive === 'topic') key.derive = 'topic';
  }
  return Object.freeze(key);
}

function base64(value, bad) {
  if (typeof value !== 'string' || !BASE64.test(value)) throw bad('expected base64');
  return Buffer.from(value, 'base64');
}

function parsePublicKey(value, algorithm, bad) {
  const der = base64(value, bad);
  let key;
  try {
    key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    throw bad('expected a base64 X.509 SubjectPublicKeyInfo (DER)');
  }
  if (signatureAlgorithmOf(key) !== algorithm) throw bad(`expected a public key of ${algorithm}`);
  return key;
}

function checkUnique(keys, source) {
  const seen = new Set();
  const primaries = new Map();
  keys.forEach((k, i) => {
    if (seen.has(k.id)) throw new KeysError(source, `/keys/${i}/id`, `key ID ${k.id} is used twice`);
    seen.add(k.id);
    if (k.status !== 'primary') return;
    const kind = ALGORITHMS[k.algorithm].kind;
    if (primaries.has(kind)) {
      throw new KeysError(source, `/keys/${i}/status`, `a second primary ${kind === 'aead' ? 'AEAD' : 'HMAC'} key (the first is ${primaries.get(kind)})`);
    }
    primaries.set(kind, k.id);
  });
}

function fail(message) {
  throw new RangeError(message);
}

// Byte layout shared by envelopes and stamps (docs/payload-envelope.md, wire format versions 1
// and 2). Internal module: stateless helpers, no I/O.
import { Buffer } from 'node:buffer';
import { PayloadError } from './errors.js';

/**
 * Algorithm names as `keys.json` spells them, with their wire byte and kind.
 * @type {Readonly<Record<string, Readonly<{wire: number, kind: 'aead' | 'mac' | 'signature', cipher?: string, length?: number}>>>}
 */
export const ALGORITHMS = Object.freeze({
  'AES-256-GCM': Object.freeze({ wire: 0x01, kind: 'aead', cipher: 'aes-256-gcm' }),
  'CHACHA20-POLY1305': Object.freeze({ wire: 0x02, kind: 'aead', cipher: 'chacha20-poly1305' }),
  'HMAC-SHA256': Object.freeze({ wire: 0x10, kind: 'mac', length: 32 }),
  ED25519: Object.freeze({ wire: 0x20, kind: 'signature', length: 64 }),
  'ECDSA-P256': Object.freeze({ wire: 0x21, kind: 'signature', length: 64 }),
});

const NAME_BY_WIRE = new Map(Object.entries(ALGORITHMS).map(([name, a]) => [a.wire, name]));

export const VERSIONS = Object.freeze([1, 2]);
export const FLAG_CLIENT_BOUND = 0x01;
export const NONCE_LENGTH = 12;
export const TAG_LENGTH = 16;
export const ENVELOPE_HEADER_LENGTH = 27;
export const ENVELOPE_MIN_LENGTH = ENVELOPE_HEADER_LENGTH + TAG_LENGTH;
const MAX_MQTT_STRING = 65535;
const MAX_KEY_ID = 0xffffffff;

/** Stamp header length: v1 has no nonce (15 bytes), v2 has one (27 bytes). */
export const stampHeaderLength = (version) => (version === 1 ? 15 : 27);

/**
 * `value` as a Buffer view (no copy): Buffer, any Uint8Array, or a string (UTF-8).
 * @param {Uint8Array | string} value
 * @param {string} what for the error message
 */
export function bytes(value, what) {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof Uint8Array) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  throw new TypeError(`${what} must be a Buffer, Uint8Array or string`);
}

/**
 * The UTF-8 bytes of an MQTT topic name (what a PUBLISH carries) or client ID.
 * @param {string} value
 * @param {'topic' | 'clientId'} what
 * @returns {Buffer}
 * @throws {TypeError | RangeError} naming the MQTT rule the value breaks
 */
export function mqttString(value, what) {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  const rule = mqttStringProblem(value, what === 'topic');
  if (rule) throw new RangeError(`invalid ${what} ${JSON.stringify(value.slice(0, 60))}: ${rule}`);
  return Buffer.from(value, 'utf8');
}

/** The MQTT rule `value` breaks (the Java core's wording), or undefined. */
export function mqttStringProblem(value, isTopic) {
  if (value.length === 0) return 'must not be empty';
  if (value.includes('\u0000')) return 'must not contain U+0000';
  if (!value.isWellFormed()) return 'must be well-formed UTF-8 (no unpaired surrogates)';
  if (isTopic && /[+#]/.test(value)) return "a topic name must not contain '+' or '#'";
  if (Buffer.byteLength(value, 'utf8') > MAX_MQTT_STRING) {
    return 'must be at most 65535 bytes in UTF-8';
  }
  return undefined;
}

/** `u16be(len(b)) ‖ b`. */
export function lengthPrefixed(b) {
  const out = Buffer.alloc(2 + b.length);
  out.writeUInt16BE(b.length, 0);
  b.copy(out, 2);
  return out;
}

/** @throws {RangeError} unless a key ID (uint32, never 0) */
export function checkKeyId(id) {
  if (!Number.isInteger(id) || id < 1 || id > MAX_KEY_ID) {
    throw new RangeError(`key id must be an integer 1..${MAX_KEY_ID}, was ${id}`);
  }
  return id;
}

/** @throws {RangeError} unless 1 or 2 */
export function checkVersion(version) {
  if (!VERSIONS.includes(version)) {
    throw new RangeError(`version must be 1 or 2, was ${version}`);
  }
  return version;
}

/** Seconds since the epoch from an injectable clock returning milliseconds (like Date.now). */
export function seconds(clock) {
  const ms = clock();
  if (!Number.isFinite(ms)) throw new TypeError('clock() must return milliseconds since the epoch');
  return Math.floor(ms / 1000);
}

/** A 12-byte nonce from `random` (crypto.randomBytes by default), its length checked. */
export function nonceFrom(random) {
  const nonce = bytes(random(NONCE_LENGTH), 'random(12)');
  if (nonce.length !== NONCE_LENGTH) throw new RangeError('random(12) must return 12 bytes');
  return nonce;
}

/**
 * A header: version, algorithm, flags, key ID, timestamp, then the nonce if given.
 * @param {{version: number, algorithm: string, bound: boolean, keyId: number, timestamp: number, nonce?: Buffer}} h
 */
export function writeHeader({ version, algorithm, bound, keyId, timestamp, nonce }) {
  const out = Buffer.alloc(15 + (nonce ? NONCE_LENGTH : 0));
  out[0] = version;
  out[1] = ALGORITHMS[algorithm].wire;
  out[2] = bound ? FLAG_CLIENT_BOUND : 0;
  out.writeUInt32BE(keyId, 3);
  out.writeBigInt64BE(BigInt(timestamp), 7);
  nonce?.copy(out, 15);
  return out;
}

/**
 * What the AEAD or the tag/signature authenticates besides the payload:
 * `header ‖ u16be(len(topic)) ‖ topic ‖ [u16be(len(clientId)) ‖ clientId]`.
 */
export function boundData(header, topic, clientId) {
  const parts = [header, lengthPrefixed(topic)];
  if (clientId) parts.push(lengthPrefixed(clientId));
  return Buffer.concat(parts);
}

/**
 * Reads the header of an envelope or a stamp, checking its structure in the broker's order
 * (version, length, algorithm, flags).
 * @param {Buffer} p
 * @param {'envelope' | 'stamp'} kind
 * @throws {PayloadError} UNPROTECTED, UNKNOWN_VERSION, TRUNCATED, UNKNOWN_ALGORITHM, MALFORMED_HEADER
 */
export function readHeader(p, kind) {
  const version = p.length === 0 ? 0 : p[0];
  if (!VERSIONS.includes(version)) {
    throw new PayloadError(version >= 0x03 && version <= 0x0f ? 'UNKNOWN_VERSION' : 'UNPROTECTED');
  }
  const headerLength = kind === 'envelope' ? ENVELOPE_HEADER_LENGTH : stampHeaderLength(version);
  const minLength = kind === 'envelope' ? ENVELOPE_MIN_LENGTH : headerLength;
  if (p.length < minLength) throw new PayloadError('TRUNCATED');
  const algorithm = NAME_BY_WIRE.get(p[1]);
  const a = ALGORITHMS[algorithm];
  if (!a || (kind === 'envelope') !== (a.kind === 'aead')) {
    throw new PayloadError('UNKNOWN_ALGORITHM');
  }
  const allowedFlags = kind === 'stamp' && version === 1 ? 0 : FLAG_CLIENT_BOUND;
  if ((p[2] & ~allowedFlags) !== 0) throw new PayloadError('MALFORMED_HEADER');
  if (kind === 'stamp' && p.length < headerLength + a.length) throw new PayloadError('TRUNCATED');
  return {
    version,
    algorithm,
    bound: (p[2] & FLAG_CLIENT_BOUND) !== 0,
    keyId: p.readUInt32BE(3),
    timestamp: Number(p.readBigInt64BE(7)),
    headerLength,
  };
}

// Types of @mqtt-guard/payload (index.js). Hand-written; kept in step with the JSDoc in src/.
import type { Buffer } from 'node:buffer';
import type { KeyObject } from 'node:crypto';

export type AeadAlgorithm = 'AES-256-GCM' | 'CHACHA20-POLY1305';
export type SignatureAlgorithm = 'ED25519' | 'ECDSA-P256';
export type Algorithm = AeadAlgorithm | 'HMAC-SHA256' | SignatureAlgorithm;

/** The broker's RefusalReason names that open/verify can produce. */
export type Reason =
  | 'TRUNCATED' | 'UNKNOWN_VERSION' | 'UNKNOWN_ALGORITHM' | 'MALFORMED_HEADER' | 'UNPROTECTED'
  | 'UNKNOWN_KEY' | 'KEY_DISABLED' | 'AUTHENTICATION_FAILED' | 'CLIENT_BINDING_REQUIRED'
  | 'HMAC_INVALID' | 'SIGNATURE_INVALID' | 'TIMESTAMP_EXPIRED' | 'TIMESTAMP_IN_FUTURE';

/** A key as keys.json describes it, material decoded. */
export interface Key {
  id: number;
  algorithm?: Algorithm;
  status?: 'primary' | 'enabled' | 'disabled';
  material?: Uint8Array;
  derive?: 'topic';
  publicKey?: KeyObject | Uint8Array;
  privateKey?: KeyObject | string | Uint8Array;
}

export interface SealOptions {
  key: Key;
  topic: string;
  clientId?: string;
  version?: 1 | 2;
  clock?: () => number;
  random?: (size: number) => Uint8Array;
}

export interface OpenOptions {
  keys: Key | readonly Key[];
  topic: string;
  clientId?: string;
  requireClientBinding?: boolean;
  windowSeconds?: number;
  clock?: () => number;
}

export interface Opened {
  payload: Buffer;
  version: 1 | 2;
  algorithm: Algorithm;
  keyId: number;
  timestamp: number;
  bound: boolean;
}

export function seal(plaintext: Uint8Array | string, options: SealOptions): Buffer;
export function open(envelope: Uint8Array, options: OpenOptions): Opened;
export function stamp(payload: Uint8Array | string, options: SealOptions): Buffer;
export function verify(stamped: Uint8Array, options: OpenOptions): Opened;
export function deriveTopicKey(master: Uint8Array, keyId: number, topic: string): Buffer;
export function parseKeys(json: string | object, source?: string): Key[];

export class PayloadError extends Error {
  readonly reason: Reason;
  readonly keyId: number | undefined;
  constructor(reason: Reason, keyId?: number);
}
export class KeysError extends Error {
  constructor(source: string, pointer: string, problem: string);
}
export const REASONS: readonly Reason[];
export const ALGORITHMS: Readonly<Record<Algorithm, Readonly<{ wire: number; kind: 'aead' | 'mac' | 'signature'; cipher?: string; length?: number }>>>;

// Test support: the repository's vectors file (never copied) and keys built from its raw bytes.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VECTORS_FILE = new URL('../../../docs/payload-vectors.json', import.meta.url);
export const VECTORS = JSON.parse(readFileSync(VECTORS_FILE, 'utf8'));

export const hex = (s) => Buffer.from(s, 'hex');

// PKCS#8 DER prefixes that wrap a raw Ed25519 seed or P-256 private scalar (no public key inside).
const PKCS8_PREFIX = {
  ED25519: '302e020100300506032b657004220420',
  'ECDSA-P256': '3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420',
};

/** A private KeyObject from a vector's raw private key. */
export function rawPrivateKey(algorithm, raw) {
  return createPrivateKey({ key: Buffer.concat([hex(PKCS8_PREFIX[algorithm]), hex(raw)]), format: 'der', type: 'pkcs8' });
}

/** The key of a vector: symmetric material, or private + public key for signatures. */
export function keyOf(v) {
  if (v.key) {
    return { id: v.keyId, algorithm: v.algorithm, status: 'enabled', material: hex(v.key), ...(v.derive ? { derive: v.derive } : {}) };
  }
  return { id: v.keyId, algorithm: v.algorithm, status: 'enabled', privateKey: rawPrivateKey(v.algorithm, v.privateKey), publicKey: hex(v.publicKey) };
}

/** The vector's public view, as a subscriber or the broker holds it (no private key). */
export function openingKeyOf(v) {
  const { privateKey, ...rest } = keyOf(v);
  return rest;
}

/** A clock fixed at `seconds`. */
export const clockAt = (seconds) => () => seconds * 1000;

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const JAVA_CLI = join(REPO, 'mqtt-guard');
export const TOOL = fileURLToPath(new URL('../mqtt-guard-seal', import.meta.url));

/** Why tests of the Java CLI cannot run (a skip reason), or false when its jar is built. */
export function javaCliMissing() {
  return existsSync(join(REPO, 'cli/target/mqtt-guard.jar'))
    ? false
    : 'cli/target/mqtt-guard.jar is not built (./mvnw -B package -pl cli -am)';
}

/** Runs `command args` with `input` on stdin; resolves to {code, out, err}. */
export function run(command, args, input = Buffer.alloc(0)) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out: Buffer.concat(out), err: Buffer.concat(err).toString() }));
    child.stdin.end(input);
  });
}


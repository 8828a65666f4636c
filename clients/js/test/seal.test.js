// Behaviour beyond the vectors: fresh nonces, client binding, the broker's checks and their order.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { open, PayloadError, seal, stamp, verify } from '../index.js';
import { clockAt } from './support.js';

const NOW = 1795428000;
const aes = { id: 1, algorithm: 'AES-256-GCM', material: randomBytes(32) };
const chacha = { id: 2, algorithm: 'CHACHA20-POLY1305', material: randomBytes(32), derive: 'topic' };
const hmac = { id: 4, algorithm: 'HMAC-SHA256', material: randomBytes(48) };
const ed = { id: 20, algorithm: 'ED25519', ...keyPair('ed25519') };
const p256 = { id: 21, algorithm: 'ECDSA-P256', ...keyPair('ec', { namedCurve: 'P-256' }) };
const keys = [aes, chacha, hmac, ed, p256];
const at = { clock: clockAt(NOW) };

function keyPair(type, options) {
  const { privateKey, publicKey } = generateKeyPairSync(type, options);
  return { privateKey, publicKey };
}

const refusedWith = (reason) => (e) => e instanceof PayloadError && e.reason === reason;

describe('fresh nonces', () => {
  for (const key of [aes, chacha]) {
    it(`${key.algorithm}: two envelopes of the same plaintext in the same second differ and both open`, () => {
      const a = seal('21.5', { key, topic: 's/1', ...at });
      const b = seal('21.5', { key, topic: 's/1', ...at });
      assert.notDeepEqual(a.subarray(15, 27), b.subarray(15, 27));
      for (const e of [a, b]) assert.equal(open(e, { keys, topic: 's/1' }).payload.toString(), '21.5');
    });
  }
  for (const key of [hmac, ed, p256]) {
    it(`${key.algorithm}: v2 stamps of the same payload in the same second differ (no false REPLAYED)`, () => {
      const a = stamp('open', { key, topic: 'cmd/door', ...at });
      const b = stamp('open', { key, topic: 'cmd/door', ...at });
      assert.equal(a.length, b.length);
      assert.notDeepEqual(a.subarray(15, 27), b.subarray(15, 27));
      for (const s of [a, b]) assert.equal(verify(s, { keys, topic: 'cmd/door' }).payload.toString(), 'open');
    });
  }
  it('v1 HMAC stamps of the same payload in the same second are identical (why v2 exists)', () => {
    const a = stamp('open', { key: hmac, topic: 'cmd/door', version: 1, ...at });
    assert.deepEqual(a, stamp('open', { key: hmac, topic: 'cmd/door', version: 1, ...at }));
    assert.equal(a.length, 15 + 32 + 4);
  });
});

describe('client binding', () => {
  const cases = [
    ['envelope', (o) => seal('x', o), open, 'AUTHENTICATION_FAILED', aes],
    ['HMAC stamp', (o) => stamp('x', o), verify, 'HMAC_INVALID', hmac],
    ['Ed25519 stamp', (o) => stamp('x', o), verify, 'SIGNATURE_INVALID', ed],
    ['ECDSA stamp', (o) => stamp('x', o), verify, 'SIGNATURE_INVALID', p256],
  ];
  for (const [what, make, unseal, failure, key] of cases) {
    it(`${what} bound to A opens for A only`, () => {
      const sealed = make({ key, topic: 't/1', clientId: 'A', ...at });
      assert.equal(sealed[2], 0x01);
      assert.equal(unseal(sealed, { keys, topic: 't/1', clientId: 'A' }).bound, true);
      assert.throws(() => unseal(sealed, { keys, topic: 't/1', clientId: 'B' }), refusedWith(failure));
      assert.throws(() => unseal(sealed, { keys, topic: 't/1' }), refusedWith(failure));
    });
    it(`${what} unbound opens for any client, and not where binding is required`, () => {
      const sealed = make({ key, topic: 't/1', ...at });
      assert.equal(sealed[2], 0x00);
      assert.equal(unseal(sealed, { keys, topic: 't/1', clientId: 'B' }).bound, false);
      assert.throws(
        () => unseal(sealed, { keys, topic: 't/1', clientId: 'B', requireClientBinding: true }),
        refusedWith('CLIENT_BINDING_REQUIRED'),
      );
    });
    it(`${what} moved to another topic is refused`, () => {
      const sealed = make({ key, topic: 't/1', ...at });
      assert.throws(() => unseal(sealed, { keys, topic: 't/2' }), refusedWith(failure));
    });
  }
  it('a v1 stamp cannot be bound, and is refused where binding is required', () => {
    assert.throws(() => stamp('x', { key: hmac, topic: 't', clientId: 'A', version: 1 }), /version 1 stamps cannot be bound/);
    const v1 = stamp('x', { key: hmac, topic: 't', version: 1, ...at });
    assert.throws(() => verify(v1, { keys, topic: 't', clientId: 'A', requireClientBinding: true }), refusedWith('CLIENT_BINDING_REQUIRED'));
  });
});

describe('versions, clock and keys', () => {
  it('v1 and v2 envelopes differ only in the version byte and both open', () => {
    const nonce = randomBytes(12);
    const [v1, v2] = [1, 2].map((version) => seal('x', { key: aes, topic: 't', version, random: () => nonce, ...at }));
    assert.equal(v1[0], 1);
    assert.equal(v2[0], 2);
    assert.deepEqual(v1.subarray(1, 27), v2.subarray(1, 27));
    assert.notDeepEqual(v1.subarray(27), v2.subarray(27));
    for (const e of [v1, v2]) assert.equal(open(e, { keys, topic: 't' }).payload.toString(), 'x');
  });
  it('the injected clock is the timestamp, and the window is checked inclusively when asked', () => {
    const e = seal('x', { key: aes, topic: 't', clock: () => NOW * 1000 + 999 });
    assert.equal(e.readBigInt64BE(7), BigInt(NOW));
    const openAt = (s) => open(e, { keys, topic: 't', windowSeconds: 300, clock: clockAt(s) });
    assert.equal(openAt(NOW + 300).timestamp, NOW);
    assert.equal(openAt(NOW - 300).timestamp, NOW);
    assert.throws(() => openAt(NOW + 301), refusedWith('TIMESTAMP_EXPIRED'));
    assert.throws(() => openAt(NOW - 301), refusedWith('TIMESTAMP_IN_FUTURE'));
  });
  it('a derived key seals with the topic key: another topic cannot open it even with its own envelope header', () => {
    const e = seal('x', { key: chacha, topic: 'sensors/1', ...at });
    assert.equal(open(e, { keys, topic: 'sensors/1' }).payload.toString(), 'x');
    assert.throws(() => open(e, { keys, topic: 'sensors/2' }), refusedWith('AUTHENTICATION_FAILED'));
  });
  it('refuses unknown, disabled and mismatched keys with the broker reasons, before any cryptography', () => {
    const e = seal('x', { key: aes, topic: 't', ...at });
    assert.throws(() => open(e, { keys: [chacha], topic: 't' }), refusedWith('UNKNOWN_KEY'));
    assert.throws(() => open(e, { keys: [{ ...aes, status: 'disabled' }], topic: 't' }), refusedWith('KEY_DISABLED'));
    assert.throws(() => open(e, { keys: [{ ...chacha, id: 1 }], topic: 't' }), refusedWith('UNKNOWN_ALGORITHM'));
  });
  it('an envelope is not a stamp and a stamp is not an envelope', () => {
    assert.throws(() => verify(seal('x', { key: aes, topic: 't' }), { keys, topic: 't' }), refusedWith('UNKNOWN_ALGORITHM'));
    assert.throws(() => open(stamp('x', { key: hmac, topic: 't' }), { keys, topic: 't' }), refusedWith('UNKNOWN_ALGORITHM'));
  });
  it('plain payloads are UNPROTECTED, short ones TRUNCATED, altered ones refused', () => {
    assert.throws(() => open(Buffer.alloc(0), { keys, topic: 't' }), refusedWith('UNPROTECTED'));
    assert.throws(() => verify(Buffer.from('{"t":21}'), { keys, topic: 't' }), refusedWith('UNPROTECTED'));
    assert.throws(() => open(Buffer.from([2, 1, 0]), { keys, topic: 't' }), refusedWith('TRUNCATED'));
    const e = seal('x', { key: aes, topic: 't' });
    e[e.length - 1] ^= 1;
    assert.throws(() => open(e, { keys, topic: 't' }), refusedWith('AUTHENTICATION_FAILED'));
  });
  it('accepts Uint8Array and returns Buffers', () => {
    const e = seal(new Uint8Array([1, 2, 3]), { key: { ...aes, material: new Uint8Array(aes.material) }, topic: 't' });
    assert.ok(Buffer.isBuffer(e));
    assert.deepEqual([...open(new Uint8Array(e), { keys, topic: 't' }).payload], [1, 2, 3]);
  });
  it('a signing key of another algorithm than declared, or a stamp with an AEAD key, is a caller error', () => {
    assert.throws(() => stamp('x', { key: { ...ed, algorithm: 'ECDSA-P256' }, topic: 't' }), RangeError);
    assert.throws(() => stamp('x', { key: aes, topic: 't' }), RangeError);
    assert.throws(() => seal('x', { key: hmac, topic: 't' }), RangeError);
  });
  it('refuses topic names and client IDs that MQTT does not allow', () => {
    for (const topic of ['', 'a/+', 'a/#', 'a\u0000b', 'x'.repeat(65536), '\ud800']) {
      assert.throws(() => seal('x', { key: aes, topic }), RangeError, JSON.stringify(topic.slice(0, 9)));
    }
    assert.ok(seal('x', { key: aes, topic: 'é'.repeat(32767) + 'a' }));
    assert.throws(() => stamp('x', { key: hmac, topic: 't', clientId: '' }), RangeError);
  });
});

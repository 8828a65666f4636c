// parseKeys: keys.json checked like the broker's loader, errors naming file and JSON pointer.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { KeysError, parseKeys } from '../index.js';

const b64 = (n) => randomBytes(n).toString('base64');
const spki = (type, options) => generateKeyPairSync(type, options).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const aes = (id, status = 'enabled') => ({ id, algorithm: 'AES-256-GCM', status, material: b64(32) });

describe('parseKeys', () => {
  it('decodes material and public keys, ignoring other fields', () => {
    const [k, e] = parseKeys({ keys: [{ ...aes(1, 'primary'), derive: 'topic', description: 'x' }, { id: 2, algorithm: 'ED25519', status: 'enabled', publicKey: spki('ed25519'), owner: { username: 'u' } }] });
    assert.deepEqual([k.id, k.status, k.material.length, k.derive], [1, 'primary', 32, 'topic']);
    assert.equal(e.publicKey.asymmetricKeyType, 'ed25519');
  });
  it('accepts a disabled symmetric key without material, as the broker does, and keeps none', () => {
    const [k] = parseKeys({ keys: [{ id: 7, algorithm: 'HMAC-SHA256', status: 'disabled' }] });
    assert.deepEqual([k.id, k.status, k.material], [7, 'disabled', undefined]);
    const [m] = parseKeys({ keys: [aes(8, 'disabled')] });
    assert.equal(m.material, undefined);
  });
  for (const [what, keys, pointer] of [
    ['not JSON', '{', /^keys\.json: : not valid JSON/],
    ['no keys array', { keys: {} }, /^keys\.json: \/keys: expected an array/],
    ['ID 0', [{ ...aes(1), id: 0 }], /\/keys\/0\/id: expected an integer 1\.\.4294967295/],
    ['an unknown algorithm', [{ ...aes(1), algorithm: 'AES-128-GCM' }], /\/keys\/0\/algorithm: expected one of/],
    ['an unknown status', [{ ...aes(1), status: 'active' }], /\/keys\/0\/status: expected one of/],
    ['material that is not base64', [{ ...aes(1), material: 'not base64!' }], /\/keys\/0\/material: expected base64/],
    ['a 31-byte HMAC key', [{ id: 1, algorithm: 'HMAC-SHA256', status: 'enabled', material: b64(31) }], /\/keys\/0\/material: expected 32\.\.64 bytes/],
    ['a duplicate ID', [aes(1), aes(1)], /\/keys\/1\/id: key ID 1 is used twice/],
    ['two primary AEAD keys', [aes(1, 'primary'), aes(2, 'primary')], /\/keys\/1\/status: a second primary AEAD key \(the first is 1\)/],
    ['a primary signature key', [{ id: 3, algorithm: 'ED25519', status: 'primary', publicKey: spki('ed25519') }], /\/keys\/0\/status: signature keys are enabled or disabled/],
    ['a P-384 key as ECDSA-P256', [{ id: 3, algorithm: 'ECDSA-P256', status: 'enabled', publicKey: spki('ec', { namedCurve: 'P-384' }) }], /\/keys\/0\/publicKey: expected a public key of ECDSA-P256/],
    ['a public key that is not SPKI', [{ id: 3, algorithm: 'ED25519', status: 'enabled', publicKey: b64(44) }], /\/keys\/0\/publicKey: expected a base64 X\.509/],
  ]) {
    it(`refuses ${what}`, () => {
      const doc = typeof keys === 'string' || !Array.isArray(keys) ? keys : { keys };
      assert.throws(() => parseKeys(doc), (e) => e instanceof KeysError && pointer.test(e.message));
    });
  }
  it('never puts material into a message', () => {
    const material = b64(33);
    assert.throws(() => parseKeys({ keys: [{ ...aes(1), material }] }), (e) => !e.message.includes(material));
  });
});

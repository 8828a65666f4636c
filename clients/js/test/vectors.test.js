// Every vector and every mustNotOpen case of docs/payload-vectors.json.
import assert from 'node:assert/strict';
import { verify as verifySignature } from 'node:crypto';
import { describe, it } from 'node:test';
import { deriveTopicKey, open, PayloadError, seal, stamp, verify } from '../index.js';
import { clockAt, hex, keyOf, openingKeyOf, VECTORS } from './support.js';

const byName = new Map(VECTORS.vectors.map((v) => [v.name, v]));
const clientIdOf = (v) => v.clientId ?? undefined;

function sealVector(v) {
  const options = {
    key: keyOf(v),
    topic: v.topic,
    clientId: clientIdOf(v),
    version: v.version,
    clock: clockAt(v.timestamp),
    random: (n) => {
      assert.equal(n, 12);
      assert.ok(v.nonce, 'v1 stamps must not ask for a nonce');
      return hex(v.nonce);
    },
  };
  return v.kind === 'envelope' ? seal(hex(v.plaintext), options) : stamp(hex(v.plaintext), options);
}

function openVector(v, sealed, topic = v.topic, clientId = clientIdOf(v)) {
  const unseal = v.kind === 'envelope' ? open : verify;
  return unseal(sealed, { keys: [openingKeyOf(v)], topic, clientId, windowSeconds: 300, clock: clockAt(v.timestamp) });
}

describe('payload-vectors.json vectors', () => {
  it('has vectors and mustNotOpen cases to test', () => {
    assert.ok(VECTORS.vectors.length >= 16);
    assert.ok(VECTORS.mustNotOpen.length >= 12);
  });

  for (const v of VECTORS.vectors) {
    describe(v.name, () => {
      if (v.deterministic) {
        it('seals to the expected bytes exactly', () => {
          assert.equal(sealVector(v).toString('hex'), v.expected);
        });
      } else {
        it('seals to the expected bytes except the signature, which verifies', () => {
          const sealed = sealVector(v);
          const expected = hex(v.expected);
          const header = v.version === 1 ? 15 : 27;
          assert.equal(sealed.length, expected.length);
          assert.deepEqual(sealed.subarray(0, header), expected.subarray(0, header));
          assert.deepEqual(sealed.subarray(header + 64), expected.subarray(header + 64));
          assert.equal(openVector(v, sealed).payload.toString('hex'), v.plaintext);
        });
        it('its expected RFC 6979 signature verifies with the public key', () => {
          const expected = hex(v.expected);
          const header = v.version === 1 ? 15 : 27;
          assert.ok(verifySignature('sha256', signedMessage(v, expected, header), {
            key: openingKeyOf(v).publicKey, format: 'der', type: 'spki', dsaEncoding: 'ieee-p1363',
          }, expected.subarray(header, header + 64)));
        });
      }
      it('opens the expected bytes to the plaintext', () => {
        const opened = openVector(v, hex(v.expected));
        assert.equal(opened.payload.toString('hex'), v.plaintext);
        assert.equal(opened.version, v.version);
        assert.equal(opened.keyId, v.keyId);
        assert.equal(opened.timestamp, v.timestamp);
        assert.equal(opened.bound, v.clientId !== null);
      });
      if (v.topicKey) {
        it('derives the topic key', () => {
          assert.equal(deriveTopicKey(hex(v.key), v.keyId, v.topic).toString('hex'), v.topicKey);
        });
      }
    });
  }
});

/** M of a stamp (header ‖ lp(topic) ‖ [lp(clientId)] ‖ payload), written out independently. */
function signedMessage(v, stamped, header) {
  const lp = (s) => {
    const b = Buffer.from(s, 'utf8');
    return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  };
  const parts = [stamped.subarray(0, header), lp(v.topic)];
  if (v.clientId !== null) parts.push(lp(v.clientId));
  parts.push(stamped.subarray(header + 64));
  return Buffer.concat(parts);
}

describe('payload-vectors.json mustNotOpen', () => {
  for (const c of VECTORS.mustNotOpen) {
    it(`${c.name} is refused with ${c.reason}`, () => {
      const v = byName.get(c.vector);
      assert.ok(v, `vector ${c.vector}`);
      assert.throws(
        () => openVector(v, hex(c.sealed), c.topic, c.clientId ?? undefined),
        (e) => e instanceof PayloadError && e.reason === c.reason,
      );
    });
  }
});

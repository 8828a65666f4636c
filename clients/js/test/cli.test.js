// mqtt-guard-seal as a process, the way a test swaps it in for `mqtt-guard seal`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { open, parseKeys, verify } from '../index.js';

const TOOL = fileURLToPath(new URL('../mqtt-guard-seal', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mqtt-guard-seal-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const b64 = (n) => randomBytes(n).toString('base64');
function signingPair(type, options, name) {
  const { privateKey, publicKey } = generateKeyPairSync(type, options);
  writeFileSync(join(dir, name), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}
const P256 = { namedCurve: 'P-256' };
const entries = [
  { id: 1, algorithm: 'AES-256-GCM', status: 'enabled', material: b64(32) },
  { id: 2, algorithm: 'CHACHA20-POLY1305', status: 'primary', material: b64(32) },
  { id: 3, algorithm: 'AES-256-GCM', status: 'enabled', material: b64(32), derive: 'topic' },
  { id: 4, algorithm: 'HMAC-SHA256', status: 'primary', material: b64(64) },
  { id: 5, algorithm: 'HMAC-SHA256', status: 'enabled', material: b64(32), derive: 'topic' },
  { id: 6, algorithm: 'AES-256-GCM', status: 'disabled', material: b64(32) },
  { id: 20, algorithm: 'ED25519', status: 'enabled', publicKey: signingPair('ed25519', {}, 'ed.pem'), owner: { username: 'u' } },
  { id: 21, algorithm: 'ECDSA-P256', status: 'enabled', publicKey: signingPair('ec', P256, 'ec.pem'), owner: { username: 'u' } },
];
signingPair('ed25519', {}, 'other-ed.pem');
signingPair('ec', { namedCurve: 'P-384' }, 'p384.pem');
writeFileSync(join(dir, 'keys.json'), JSON.stringify({ keys: entries }));
const keys = parseKeys(JSON.stringify({ keys: entries }));
const TOPIC = 'sensors/é/data';

function run(args, input = Buffer.from('21.5 °C')) {
  const r = spawnSync(TOOL, args, { input, cwd: tmpdir() });
  return { code: r.status, out: r.stdout, err: r.stderr.toString() };
}
const base = ['--config', dir, '--topic', TOPIC];

describe('mqtt-guard-seal seals', () => {
  it('an envelope with the primary AEAD key, version 2 by default, only the bytes on stdout', () => {
    const r = run(base);
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.deepEqual([...r.out.subarray(0, 7)], [2, 2, 0, 0, 0, 0, 2]);
    assert.equal(open(r.out, { keys, topic: TOPIC }).payload.toString(), '21.5 °C');
  });
  it('with --opt=value and short options, bound to --client-id, version 1 on request', () => {
    const r = run([`--config=${dir}`, '-t', TOPIC, '--client-id=dev-ü', '--key-id=1', '--format-version=1']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual([...r.out.subarray(0, 3)], [1, 1, 1]);
    assert.equal(open(r.out, { keys, topic: TOPIC, clientId: 'dev-ü' }).payload.toString(), '21.5 °C');
    assert.throws(() => open(r.out, { keys, topic: TOPIC, clientId: 'dev-u' }), /AUTHENTICATION_FAILED/);
  });
  it('binary and empty stdin, with a fresh nonce on every call', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const [a, b] = [run(base, all), run(base, all)];
    assert.notDeepEqual(a.out.subarray(15, 27), b.out.subarray(15, 27));
    assert.deepEqual(open(a.out, { keys, topic: TOPIC }).payload, all);
    const empty = run([...base, '-c', dir], Buffer.alloc(0));
    assert.equal(empty.out.length, 43);
    assert.equal(open(empty.out, { keys, topic: TOPIC }).payload.length, 0);
  });
  it('with a derived topic key', () => {
    const r = run([...base, '--key-id', '3']);
    assert.equal(r.code, 0, r.err);
    assert.equal(open(r.out, { keys, topic: TOPIC }).payload.toString(), '21.5 °C');
  });
  for (const [what, args, alg, version] of [
    ['--hmac: the primary HMAC key', ['--hmac'], 'HMAC-SHA256', 2],
    ['--hmac --key-id: a derived HMAC key, bound, v2', ['--hmac', '--key-id', '5', '--client-id', 'c1'], 'HMAC-SHA256', 2],
    ['--hmac v1', ['--hmac', '--format-version', '1'], 'HMAC-SHA256', 1],
    ['--sign Ed25519, bound', ['--sign', join(dir, 'ed.pem'), '--key-id', '20', '--client-id', 'c1'], 'ED25519', 2],
    ['--sign ECDSA P-256 v1', ['--sign', join(dir, 'ec.pem'), '--key-id', '21', '--format-version', '1'], 'ECDSA-P256', 1],
    ['--sign ECDSA P-256 v2', ['--sign', join(dir, 'ec.pem'), '--key-id', '21'], 'ECDSA-P256', 2],
  ]) {
    it(`a stamp with ${what}`, () => {
      const r = run([...base, ...args]);
      assert.equal(r.code, 0, r.err);
      const clientId = args.includes('--client-id') ? 'c1' : undefined;
      const v = verify(r.out, { keys, topic: TOPIC, clientId });
      assert.deepEqual([v.algorithm, v.version, v.bound, v.payload.toString()], [alg, version, clientId !== undefined, '21.5 °C']);
    });
  }
});

describe('mqtt-guard-seal refuses with exit 2, a message and nothing on stdout', () => {
  const sign = (file, id) => ['--sign', join(dir, file), '--key-id', id];
  for (const [what, args, message] of [
    ['an unknown option', [...base, '--nope'], /Unknown option '--nope'[\s\S]*usage: mqtt-guard-seal/],
    ['no --topic', ['--config', dir], /--topic is required/],
    ['a missing keys.json', ['--config', join(dir, 'none'), '--topic', 't'], /none\/keys\.json: cannot read \(ENOENT\)/],
    ['an unknown --key-id', [...base, '--key-id', '99'], /--key-id 99 is not a key of .*keys\.json/],
    ['--key-id 0', [...base, '--key-id', '0'], /--key-id must be a key ID 1\.\.4294967295/],
    ['an HMAC --key-id for an envelope', [...base, '--key-id', '4'], /--key-id 4 \(HMAC-SHA256\) cannot seal an envelope/],
    ['an AEAD --key-id for --hmac', [...base, '--hmac', '--key-id', '1'], /--key-id 1 \(AES-256-GCM\) cannot make an --hmac stamp/],
    ['a disabled --key-id', [...base, '--key-id', '6'], /--key-id 6 \(AES-256-GCM\) is disabled/],
    ['--hmac with --sign', [...base, '--hmac', ...sign('ed.pem', '20')], /--hmac and --sign/],
    ['--sign without --key-id', [...base, '--sign', join(dir, 'ed.pem')], /--sign needs --key-id/],
    ['--sign with the ID of another algorithm', [...base, ...sign('ed.pem', '21')], /--key-id 21 \(ECDSA-P256\) does not fit --sign .*ed\.pem, an ED25519 private key/],
    ['--sign with another key pair', [...base, ...sign('other-ed.pem', '20')], /--sign .*other-ed\.pem is not the private key of --key-id 20 \(ED25519\)/],
    ['--sign with a P-384 key', [...base, ...sign('p384.pem', '21')], /p384\.pem is not an Ed25519 or ECDSA P-256 private key/],
    ['--sign with keys.json', [...base, ...sign('keys.json', '20')], /is not a PKCS#8 PEM private key/],
    ['a v1 stamp bound to a client ID', [...base, '--hmac', '--client-id', 'c', '--format-version', '1'], /version 1 stamps cannot be bound to a client ID/],
    ['--format-version 3', [...base, '--format-version', '3'], /--format-version must be 1 or 2/],
    ['a wildcard topic', ['--config', dir, '--topic', 'a/+'], /--topic 'a\/\+' is not a valid MQTT topic name .*'\+' or '#'/],
    ['an empty topic', ['--config', dir, '--topic', ''], /--topic \(empty\) is not a valid MQTT topic name/],
    ['a 65536-byte topic', ['--config', dir, '--topic', 'x'.repeat(65536)], /at most 65535 bytes/],
    ['an empty client ID', [...base, '--client-id', ''], /--client-id \(empty\) is not a valid MQTT client ID/],
  ]) {
    it(what, () => {
      const r = run(args);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /^error: /);
      assert.match(r.err, message);
      assert.equal(r.out.length, 0);
    });
  }
  it('an invalid keys.json, naming the file and the JSON pointer, never the material', () => {
    const bad = mkdtempSync(join(dir, 'bad-'));
    const secret = b64(31);
    writeFileSync(join(bad, 'keys.json'), JSON.stringify({ keys: [{ id: 1, algorithm: 'AES-256-GCM', status: 'primary', material: secret }] }));
    const r = run(['--config', bad, '--topic', 't']);
    assert.equal(r.code, 2);
    assert.match(r.err, /^error: .*bad-.*\/keys\.json: \/keys\/0\/material: expected 32 bytes for AES-256-GCM\n$/);
    assert.ok(!r.err.includes(secret));
  });
  it('a client ID whose bytes are not UTF-8 (U+FFFD in argv)', () => {
    const r = spawnSync('bash', ['-c', 'exec "$0" --config "$1" --topic t --client-id "$(printf "c\\377")"', TOOL, dir]);
    assert.equal(r.status, 2);
    assert.match(r.stderr.toString(), /^error: --client-id contains U\+FFFD/);
    assert.equal(r.stdout.length, 0);
  });
  it('a 65535-byte topic is fine', () => {
    assert.equal(run(['--config', dir, '--topic', 'x'.repeat(65535)]).code, 0);
  });
});

// Interoperability with the Java CLI in both directions: what mqtt-guard-seal writes opens with
// `mqtt-guard open`, and what `mqtt-guard seal` writes opens with this library. Needs the built
// CLI jar (cli/target/mqtt-guard.jar, made by `./mvnw package -pl cli -am` or .ci/run's verify):
// without it these tests are reported as skipped, never passed.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { open, parseKeys, verify } from '../index.js';
import { JAVA_CLI, javaCliMissing, run, TOOL } from './support.js';

const skip = javaCliMissing();

const TOPIC = 'capteurs/salle-é/température';
const PLAINTEXT = Buffer.from('{"t":21.5,"u":"°C"}');
let dir;
let keys;

function writeConfig() {
  dir = mkdtempSync(join(tmpdir(), 'mqtt-guard-js-java-'));
  const pair = (type, options, file) => {
    const { privateKey, publicKey } = generateKeyPairSync(type, options);
    writeFileSync(join(dir, file), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  };
  const b64 = (n) => randomBytes(n).toString('base64');
  const entries = [
    { id: 1, algorithm: 'AES-256-GCM', status: 'primary', material: b64(32) },
    { id: 2, algorithm: 'CHACHA20-POLY1305', status: 'enabled', material: b64(32) },
    { id: 3, algorithm: 'CHACHA20-POLY1305', status: 'enabled', material: b64(32), derive: 'topic' },
    { id: 4, algorithm: 'HMAC-SHA256', status: 'primary', material: b64(32) },
    { id: 5, algorithm: 'HMAC-SHA256', status: 'enabled', material: b64(64), derive: 'topic' },
    { id: 20, algorithm: 'ED25519', status: 'enabled', publicKey: pair('ed25519', {}, 'ed.pem'), owner: { username: 'u' } },
    { id: 21, algorithm: 'ECDSA-P256', status: 'enabled', publicKey: pair('ec', { namedCurve: 'P-256' }, 'ec.pem'), owner: { username: 'u' } },
  ];
  writeFileSync(join(dir, 'keys.json'), JSON.stringify({ keys: entries }));
  keys = parseKeys(JSON.stringify({ keys: entries }));
}

const CASES = [
  ['AES-256-GCM envelope', []],
  ['AES-256-GCM envelope bound to a client ID', ['--client-id', 'capteur-ü']],
  ['ChaCha20-Poly1305 envelope', ['--key-id', '2']],
  ['ChaCha20-Poly1305 envelope with a derived topic key', ['--key-id', '3']],
  ['HMAC-SHA256 stamp', ['--hmac']],
  ['HMAC-SHA256 stamp with a derived topic key', ['--hmac', '--key-id', '5']],
  ['Ed25519 stamp', ['--sign', 'ed.pem', '--key-id', '20']],
  ['ECDSA P-256 stamp', ['--sign', 'ec.pem', '--key-id', '21']],
];
const withDir = (args) => args.map((a) => (a.endsWith('.pem') ? join(dir, a) : a));
const clientIdOf = (args) => (args.includes('--client-id') ? args[args.indexOf('--client-id') + 1] : undefined);

describe('with the Java CLI', { skip, concurrency: 2 }, () => {
  before(() => writeConfig());
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  for (const version of [1, 2]) {
    for (const [what, args] of CASES) {
      it(`v${version} ${what} from mqtt-guard-seal opens with mqtt-guard open`, async () => {
        const sealed = await run(TOOL, ['-c', dir, '-t', TOPIC, '--format-version', `${version}`, ...withDir(args)], PLAINTEXT);
        assert.equal(sealed.code, 0, sealed.err);
        assert.equal(sealed.out[0], version);
        const clientId = clientIdOf(args);
        const opened = await run(JAVA_CLI, ['open', '-c', dir, '-t', TOPIC, ...(clientId ? ['--client-id', clientId] : [])], sealed.out);
        assert.equal(opened.code, 0, opened.err);
        assert.deepEqual(opened.out, PLAINTEXT);
      });
    }
  }

  for (const [what, args] of CASES) {
    it(`${what} from mqtt-guard seal opens with this library`, async () => {
      const sealed = await run(JAVA_CLI, ['seal', '-c', dir, '-t', TOPIC, ...withDir(args)], PLAINTEXT);
      assert.equal(sealed.code, 0, sealed.err);
      const stamped = args.includes('--hmac') || args.includes('--sign');
      const opened = (stamped ? verify : open)(sealed.out, { keys, topic: TOPIC, clientId: clientIdOf(args) });
      assert.deepEqual(opened.payload, PLAINTEXT);
    });
  }
});

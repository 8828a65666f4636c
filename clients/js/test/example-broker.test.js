// The worked example against real brokers: `mqtt-guard serve` (HiveMQ CE with the MQTT Guard
// extension over MQTT 5, Moquette 0.17 with its adapter over MQTT 3.1.1) on a copy of
// examples/quickstart, Debian's mosquitto_sub as the subscriber, and examples/publish-sealed.mjs
// (MQTT.js) publishing a sealed reading that the broker's `decrypt` rule must open. Needs the built CLI jar, `npm ci --prefix clients/js/examples` and
// mosquitto-clients (.ci/run provides all three); without them the test is reported as skipped.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { JAVA_CLI, javaCliMissing, REPO, run } from './support.js';

const EXAMPLE = fileURLToPath(new URL('../examples/publish-sealed.mjs', import.meta.url));
const TOPIC = 'sensors/sensor-1/secure';

function missing() {
  if (javaCliMissing()) return javaCliMissing();
  if (!existsSync(fileURLToPath(new URL('../examples/node_modules/mqtt', import.meta.url)))) {
    return 'MQTT.js is not installed (npm ci --prefix clients/js/examples)';
  }
  if (spawnSync('mosquitto_sub', ['--help']).error) return 'mosquitto_sub not found (Debian package mosquitto-clients)';
  return false;
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `command`, resolves once a line of its stdout matches `ready`, with its lines so far. */
function startUntil(command, args, ready, timeoutMs) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} not ready in ${timeoutMs} ms:\n${lines.join('\n')}`)), timeoutMs);
    let partial = '';
    child.stdout.on('data', (d) => {
      const parts = (partial + d).split('\n');
      partial = parts.pop();
      lines.push(...parts);
      if (parts.some((l) => ready.test(l))) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${lines.join('\n')}`));
    });
  });
  return { child, lines, started };
}

function stop(child) {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

const BROKERS = [
  { broker: 'hivemq', protocol: '5', refused: { forged: /\(reason code 135\)/ } },
  { broker: 'moquette', protocol: '4', refused: { forged: /closed the connection/ } },
];

for (const { broker: name, protocol, refused } of BROKERS) {
  describe(`examples/publish-sealed.mjs with MQTT.js (protocol ${protocol}) against mqtt-guard serve --broker ${name}`, { skip: missing() }, () => {
    let config;
    let port;
    let broker;
    let subscriber;

    before(async () => {
      config = mkdtempSync(join(tmpdir(), 'mqtt-guard-js-example-'));
      cpSync(join(REPO, 'examples/quickstart'), config, { recursive: true, filter: (src) => !src.includes('/tls') });
      port = await freePort();
      broker = startUntil(JAVA_CLI, ['serve', '--broker', name, '--config', config, '--port', `${port}`, '--tls-port', `${await freePort()}`], /Ctrl-C stops the broker/, 180_000);
      await broker.started;
      const sub = ['-d', '-h', 'localhost', '-p', `${port}`, '-u', 'alice', '-P', 'alice-demo-pw', '-i', 'alice', '-t', 'sensors/#', '-v'];
      // stdbuf: mosquitto_sub's stdout is a pipe here, line-buffer it to see SUBACK and messages.
      subscriber = startUntil('stdbuf', ['-oL', 'mosquitto_sub', ...sub], /received SUBACK/, 30_000);
      await subscriber.started;
    });
    after(async () => {
      await stop(subscriber?.child);
      await stop(broker?.child);
      if (config) rmSync(config, { recursive: true, force: true });
    });

    const publish = (...args) => run(process.execPath, [EXAMPLE, '--url', `mqtt://localhost:${port}`, '--protocol-version', protocol, '--config', config, ...args]);
    const delivered = async (line) => {
      for (let i = 0; i < 50 && !subscriber.lines.includes(line); i++) await new Promise((r) => setTimeout(r, 100));
      return subscriber.lines.includes(line);
    };

    it('a version 1 envelope bound to the client ID is accepted and delivered as plaintext', async () => {
      const r = await publish('--format-version', '1', '--message', '{"t":21.5,"u":"°C"}');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out.toString(), /^published \d+ sealed bytes to sensors\/sensor-1\/secure\n$/);
      assert.ok(await delivered(`${TOPIC} {"t":21.5,"u":"°C"}`), subscriber.lines.join('\n'));
    });

    it('a version 2 envelope (the default) is accepted and delivered as plaintext', async () => {
      const r = await publish('--message', 'v2 reading');
      assert.equal(r.code, 0, r.err);
      assert.ok(await delivered(`${TOPIC} v2 reading`), subscriber.lines.join('\n'));
    });

    it('an envelope sealed with another key under the same key ID is refused and never delivered', async () => {
      const forger = mkdtempSync(join(config, 'forger-'));
      const material = randomBytes(32).toString('base64');
      writeFileSync(join(forger, 'keys.json'), JSON.stringify({ keys: [{ id: 1, algorithm: 'AES-256-GCM', status: 'primary', material }] }));
      const r = await publish('--config', forger, '--format-version', '1', '--message', 'forged');
      assert.equal(r.code, 1, r.err);
      assert.match(r.err, refused.forged);
      assert.ok(!(await delivered(`${TOPIC} forged`)));
    });
  });
}

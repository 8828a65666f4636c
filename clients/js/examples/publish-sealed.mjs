// Worked example: a device publishes a sealed reading with MQTT.js; the broker's `decrypt` rule
// opens it and subscribers receive the plaintext. Defaults fit `./mqtt-guard serve` with the
// demo configuration examples/quickstart (its demo key and passwords are public: demo only).
//
//   npm ci --prefix clients/js/examples
//   node clients/js/examples/publish-sealed.mjs [--url mqtt://localhost:1883] [--config DIR]
//        [--topic T] [--client-id C] [--username U] [--password P] [--message TEXT]
//        [--format-version 1|2] [--protocol-version 5|4]   (4 = MQTT 3.1.1, e.g. for Moquette)
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { parseKeys, seal } from '../index.js';

const { values: o } = parseArgs({
  options: {
    url: { type: 'string', default: 'mqtt://localhost:1883' },
    config: { type: 'string', default: new URL('../../../examples/quickstart', import.meta.url).pathname },
    topic: { type: 'string', default: 'sensors/sensor-1/secure' },
    'client-id': { type: 'string', default: 'sensor-1' },
    username: { type: 'string', default: 'sensor-1' },
    password: { type: 'string', default: 'sensor-1-demo-pw' },
    message: { type: 'string', default: JSON.stringify({ temperature: 21.5, unit: '°C' }) },
    'format-version': { type: 'string', default: '2' },
    'protocol-version': { type: 'string', default: '5' },
  },
});

// The device's keys.json; a real device holds only its own key (see docs/payload-rules.md).
const keys = parseKeys(readFileSync(`${o.config}/keys.json`, 'utf8'), `${o.config}/keys.json`);
const key = keys.find((k) => k.status === 'primary' && ['AES-256-GCM', 'CHACHA20-POLY1305'].includes(k.algorithm));
if (!key) throw new Error(`${o.config}/keys.json has no primary AEAD key`);

// Bound to the client ID we connect with (the quickstart rule requires client binding).
const envelope = seal(o.message, { key, topic: o.topic, clientId: o['client-id'], version: Number(o['format-version']) });

const client = await mqtt
  .connectAsync(o.url, {
    clientId: o['client-id'],
    username: o.username,
    password: o.password,
    protocolVersion: Number(o['protocol-version']),
    reconnectPeriod: 0, // a refusal must not turn into a reconnect loop
  })
  .catch((e) => {
    console.error(`error: cannot connect to ${o.url}: ${e.message}`);
    process.exit(1);
  });
const closed = new Promise((_, reject) => {
  client.once('close', () => reject(new Error('the broker closed the connection')));
});
try {
  // QoS 1: resolves once the broker accepted it. A refused envelope rejects: on MQTT 5 with the
  // PUBACK reason (0x99 payload format invalid, 0x87 not authorized: see docs/payload-rules.md);
  // on MQTT 3.1.1, which has no negative PUBACK, the broker closes the connection.
  await Promise.race([client.publishAsync(o.topic, envelope, { qos: 1 }), closed]);
  console.log(`published ${envelope.length} sealed bytes to ${o.topic}`);
} catch (e) {
  const code = e.code === undefined ? '' : ` (reason code ${e.code})`;
  console.error(`error: the broker refused the envelope: ${e.message}${code}`);
  process.exitCode = 1;
} finally {
  closed.catch(() => {});
  await client.endAsync();
}

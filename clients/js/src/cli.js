// mqtt-guard-seal: a drop-in for `mqtt-guard seal` (/work contract: same options, stdin → stdout,
// exit 0 ok, 1 sealing failure, 2 usage/config error, messages on stderr starting with "error: ").
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PayloadError } from './errors.js';
import { seal } from './envelope.js';
import { asPrivateKey, parseKeys, signatureAlgorithmOf } from './keys.js';
import { stamp, verify } from './stamp.js';
import { ALGORITHMS, mqttStringProblem } from './wire.js';

const USAGE = `usage: mqtt-guard-seal --config DIR --topic T [--client-id C] [--key-id N] [--hmac]
                       [--sign FILE] [--format-version 1|2]  < plaintext > sealed`;

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  topic: { type: 'string', short: 't' },
  'client-id': { type: 'string', short: 'i' },
  'key-id': { type: 'string' },
  hmac: { type: 'boolean' },
  sign: { type: 'string' },
  'format-version': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** A usage or configuration problem: exit 2. */
class UsageError extends Error {}

/**
 * Runs the tool. Resolves to the exit code; writes only sealed bytes to `io.stdout`.
 * @param {string[]} argv
 * @param {{stdin: AsyncIterable<Buffer>, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream, clock?: () => number}} io
 */
export async function main(argv, io) {
  try {
    const args = parse(argv);
    if (args.help) {
      io.stderr.write(`${USAGE}\n`);
      return 0;
    }
    const keysFile = join(args.config, 'keys.json');
    const keys = loadKeys(keysFile);
    const operation = args.sign ? signing(args, keys, keysFile) : symmetric(args, keys, keysFile);
    const input = await readAll(io.stdin);
    io.stdout.write(operation(input, io.clock ?? Date.now));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(`error: ${e instanceof PayloadError ? e.message : `sealing failed: ${e?.message}`}\n`);
    return 1;
  }
}

function parse(argv) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError(`${e.message}\n${USAGE}`);
  }
  if (values.help) return values;
  for (const required of ['config', 'topic']) {
    if (values[required] === undefined) throw new UsageError(`--${required} is required\n${USAGE}`);
  }
  const version = values['format-version'] ?? '2';
  if (version !== '1' && version !== '2') throw new UsageError(`--format-version must be 1 or 2, was '${version}'`);
  const keyId = values['key-id'];
  if (keyId !== undefined && (!/^[1-9][0-9]{0,9}$/.test(keyId) || Number(keyId) > 0xffffffff)) {
    throw new UsageError(`--key-id must be a key ID 1..4294967295, was '${keyId}'`);
  }
  if (values.hmac && values.sign !== undefined) {
    throw new UsageError('--hmac and --sign are two kinds of stamp; give one of them');
  }
  const stamping = values.hmac || values.sign !== undefined;
  if (stamping && version === '1' && values['client-id'] !== undefined) {
    throw new UsageError('version 1 stamps cannot be bound to a client ID (use --format-version 2)');
  }
  checkMqttString('--topic', values.topic, true);
  if (values['client-id'] !== undefined) checkMqttString('--client-id', values['client-id'], false);
  return {
    config: values.config,
    topic: values.topic,
    clientId: values['client-id'],
    keyId: keyId === undefined ? undefined : Number(keyId),
    hmac: values.hmac ?? false,
    sign: values.sign,
    version: Number(version),
  };
}

function checkMqttString(option, value, isTopic) {
  if (value.includes('\ufffd')) {
    throw new UsageError(`${option} contains U+FFFD, the replacement for bytes that are not valid UTF-8, so it is not what you typed; type it in UTF-8`);
  }
  const rule = mqttStringProblem(value, isTopic);
  if (rule) {
    const shown = value.length > 60 ? `'${value.slice(0, 60)}...' (${Buffer.byteLength(value)} bytes in UTF-8)` : `'${value}'`;
    const what = isTopic ? 'a valid MQTT topic name (the topic of a PUBLISH)' : 'a valid MQTT client ID';
    throw new UsageError(`${option} ${value === '' ? '(empty)' : shown.replaceAll('\u0000', '\\u0000')} is not ${what}: ${rule}`);
  }
}

function loadKeys(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read (${e.code ?? e.message})`);
  }
  try {
    return parseKeys(text, file);
  } catch (e) {
    throw new UsageError(e.message);
  }
}

/** Envelope (default) or --hmac stamp with a symmetric key. */
function symmetric(args, keys, keysFile) {
  const kinds = args.hmac ? ['mac'] : ['aead'];
  const key = args.keyId === undefined ? primary(keys, kinds[0], keysFile) : byId(keys, args.keyId, keysFile);
  if (!kinds.includes(ALGORITHMS[key.algorithm].kind)) {
    throw new UsageError(args.hmac
      ? `--key-id ${key.id} (${key.algorithm}) cannot make an --hmac stamp: that needs an HMAC-SHA256 key`
      : `--key-id ${key.id} (${key.algorithm}) cannot seal an envelope: that needs an AES-256-GCM or CHACHA20-POLY1305 key (--hmac stamps with an HMAC-SHA256 key)`);
  }
  const options = { key, topic: args.topic, clientId: args.clientId, version: args.version };
  return (input, clock) => (args.hmac ? stamp : seal)(input, { ...options, clock });
}

/** --sign FILE --key-id N: a signature stamp, verified with N's public key before it is written. */
function signing(args, keys, keysFile) {
  if (args.keyId === undefined) throw new UsageError('--sign needs --key-id (the ID of its public key in keys.json)');
  const key = byId(keys, args.keyId, keysFile);
  const privateKey = readPrivateKey(args.sign);
  const own = signatureAlgorithmOf(privateKey);
  if (!own) throw new UsageError(`--sign ${args.sign} is not an Ed25519 or ECDSA P-256 private key`);
  if (key.algorithm !== own) {
    throw new UsageError(`--key-id ${key.id} (${key.algorithm}) does not fit --sign ${args.sign}, an ${own} private key: give the ID of its public key in keys.json`);
  }
  return (input, clock) => {
    const topic = args.topic;
    const stamped = stamp(input, { key: { id: key.id, algorithm: own, privateKey }, topic, clientId: args.clientId, version: args.version, clock });
    try {
      verify(stamped, { keys: [key], topic, clientId: args.clientId });
    } catch (e) {
      if (e instanceof PayloadError && e.reason === 'SIGNATURE_INVALID') {
        throw new UsageError(`--sign ${args.sign} is not the private key of --key-id ${key.id} (${key.algorithm}): its public key in keys.json does not verify the signature`);
      }
      throw e;
    }
    return stamped;
  };
}

function readPrivateKey(file) {
  let pem;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--sign ${file}: cannot read (${e.code ?? e.message})`);
  }
  if (!pem.includes('-----BEGIN PRIVATE KEY-----')) {
    throw new UsageError(`--sign ${file} is not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)`);
  }
  try {
    return asPrivateKey(pem);
  } catch {
    throw new UsageError(`--sign ${file} is not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)`);
  }
}

function primary(keys, kind, keysFile) {
  const key = keys.find((k) => k.status === 'primary' && ALGORITHMS[k.algorithm].kind === kind);
  if (!key) {
    const what = kind === 'aead' ? 'AEAD (AES-256-GCM or CHACHA20-POLY1305)' : 'HMAC-SHA256';
    throw new UsageError(`${keysFile} has no primary ${what} key; give --key-id`);
  }
  return key;
}

function byId(keys, id, keysFile) {
  const key = keys.find((k) => k.id === id);
  if (!key) throw new UsageError(`--key-id ${id} is not a key of ${keysFile}`);
  if (key.status === 'disabled') throw new UsageError(`--key-id ${id} (${key.algorithm}) is disabled in keys.json`);
  return key;
}

async function readAll(stdin) {
  const chunks = [];
  for await (const chunk of stdin) chunks.push(chunk);
  return Buffer.concat(chunks);
}

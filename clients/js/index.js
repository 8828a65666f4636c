// MQTT Guard payload protection for Node.js: seal envelopes and stamp payloads the way the
// broker's decrypt/verify rules expect them (docs/payload-envelope.md), and open/verify them.
export { seal, open } from './src/envelope.js';
export { stamp, verify } from './src/stamp.js';
export { deriveTopicKey, parseKeys, KeysError } from './src/keys.js';
export { PayloadError, REASONS } from './src/errors.js';
export { ALGORITHMS } from './src/wire.js';

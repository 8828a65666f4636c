// Opening options shared by envelopes and stamps. Internal.
import { PayloadError } from './errors.js';
import { seconds } from './wire.js';

/**
 * The broker's checks between key lookup and cryptography: client binding, then (only when
 * `windowSeconds` is given) the timestamp window, inclusive bounds.
 * @throws {PayloadError} CLIENT_BINDING_REQUIRED, TIMESTAMP_EXPIRED, TIMESTAMP_IN_FUTURE
 */
export function checkBindingAndTime(h, { requireClientBinding = false, windowSeconds, clock = Date.now }) {
  if (requireClientBinding && !h.bound) throw new PayloadError('CLIENT_BINDING_REQUIRED', h.keyId);
  if (windowSeconds === undefined) return;
  if (!Number.isFinite(windowSeconds) || windowSeconds < 0) {
    throw new RangeError('windowSeconds must be a number ≥ 0');
  }
  const now = seconds(clock);
  if (h.timestamp < now - windowSeconds) throw new PayloadError('TIMESTAMP_EXPIRED', h.keyId);
  if (h.timestamp > now + windowSeconds) throw new PayloadError('TIMESTAMP_IN_FUTURE', h.keyId);
}

package io.mqttguard.payload;

import java.security.PrivateKey;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Client-side producer (and checker) of protected payloads with the keys of a {@code keys.json}, on
 * the Java wire-format library (module {@code envelope}, {@code io.mqttguard.envelope}), shaped
 * like Tink's AEAD: the nonce is generated inside from the injected {@link
 * java.security.SecureRandom}, the associated data (the topic, and optionally the publisher's
 * client ID) is required, and the key ID travels in the wire format. Writes format version 2 unless
 * {@link #withFormatVersion} says 1. Random 96-bit nonces: rotate a key well before 2^32 messages.
 * Thread-safe if the {@code SecureRandom} is (the JDK's are).
 *
 * <p>All failures throw {@link PayloadSecurityException} with a uniform message; a {@code topic}
 * that is not a valid MQTT topic name (empty, wildcards, U+0000, over 65535 UTF-8 bytes) fails with
 * {@link RefusalReason#INVALID_TOPIC}.
 */
public interface PayloadSealer {

  /**
   * A sealer that seals with the keyset's primary AEAD key and stamps with its primary HMAC key, in
   * format version 2.
   */
  static PayloadSealer create(Keyset keys, Clock clock, java.security.SecureRandom random) {
    return new DefaultPayloadSealer(keys, null, clock, random, 2);
  }

  /**
   * The same sealer using key {@code keyId} instead of the primary: for {@link #seal}/{@link
   * #sealBound} if it is an AEAD key, for {@link #stamp}/{@link #stampBound} if it is an HMAC key.
   * The operations of the other kind then fail with {@link RefusalReason#UNKNOWN_ALGORITHM}; they
   * never fall back to a primary key.
   *
   * @throws IllegalArgumentException if the key does not exist, is disabled or is a signature key
   */
  PayloadSealer withKey(long keyId);

  /**
   * The same sealer writing wire format {@code version}: 2 (the default: stamps carry a nonce and
   * can be bound to a client ID) or 1 (for receivers that know only version 1).
   *
   * @throws IllegalArgumentException for another version
   */
  PayloadSealer withFormatVersion(int version);

  /** An envelope of {@code plaintext} bound to {@code topic}. */
  byte[] seal(String topic, byte[] plaintext) throws PayloadSecurityException;

  /** An envelope bound to {@code topic} and to the publisher's {@code clientId} (flag bit 0). */
  byte[] sealBound(String topic, String clientId, byte[] plaintext) throws PayloadSecurityException;

  /**
   * Opens an envelope (either version) received on {@code topic}. Checks structure, key and tag
   * only: timestamp and replay are the broker's job (or the caller's).
   *
   * @param clientId the publisher's client ID if the envelope is client-bound, else ignored
   */
  byte[] open(String topic, @Nullable String clientId, byte[] envelope)
      throws PayloadSecurityException;

  /**
   * Opens whatever protected payload {@code payload} is (either version), told apart by its
   * algorithm byte: an envelope (as {@link #open}), or a stamp (HMAC-SHA256 with a key of the
   * keyset, Ed25519 or ECDSA P-256 with a public key of the keyset; the stamp is removed). Checks
   * structure, key (exists, enabled, of the stated algorithm), client binding and tag or signature
   * against {@code topic}; timestamp, replay and the owner of a signature key are the broker's job
   * (it knows the publisher). Check {@link Opened#encrypted()} before treating the payload as
   * confidential.
   *
   * @param clientId the publisher's client ID if the payload is client-bound, else ignored
   */
  Opened openOrVerify(String topic, @Nullable String clientId, byte[] payload)
      throws PayloadSecurityException;

  /** {@code payload} prefixed with an HMAC-SHA256 stamp bound to {@code topic}. */
  byte[] stamp(String topic, byte[] payload) throws PayloadSecurityException;

  /**
   * {@code payload} prefixed with an HMAC-SHA256 stamp bound to {@code topic} and the publisher's
   * {@code clientId} (version 2 only).
   *
   * @throws UnsupportedOperationException in format version 1 (version 1 stamps cannot be bound to
   *     a client ID)
   */
  byte[] stampBound(String topic, String clientId, byte[] payload) throws PayloadSecurityException;

  /**
   * {@code payload} prefixed with a version 1 signature stamp (Ed25519 or ECDSA P-256, chosen by
   * the key's algorithm) bound to {@code topic}; the broker verifies it with the public key {@code
   * keyId} of {@code keys.json}. Version 1 signature stamps have no nonce; for version 2 (nonce,
   * optional client binding) use {@code io.mqttguard.envelope.Sealer} with {@code
   * WireKey.signing(keyId, key)}.
   */
  static byte[] sign(PrivateKey key, long keyId, String topic, byte[] payload, Clock clock)
      throws PayloadSecurityException {
    return DefaultPayloadSealer.signV1(key, keyId, topic, payload, clock);
  }
}

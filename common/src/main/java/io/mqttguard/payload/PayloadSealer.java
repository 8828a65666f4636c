package io.mqttguard.payload;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Client-side producer (and checker) of protected payloads, shaped like Tink's AEAD: the nonce is
 * generated inside from the injected {@link SecureRandom}, the associated data (the topic, and
 * optionally the publisher's client ID) is required, and the key ID travels in the wire format.
 * Random 96-bit nonces: rotate a key well before 2^32 messages. Thread-safe if the {@code
 * SecureRandom} is (the JDK's are).
 *
 * <p>All failures throw {@link PayloadSecurityException} with a uniform message; a {@code topic}
 * that is not a valid MQTT topic name (empty, wildcards, U+0000, over 65535 UTF-8 bytes) fails with
 * {@link RefusalReason#INVALID_TOPIC}.
 */
public interface PayloadSealer {

  /**
   * A sealer that seals with the keyset's primary AEAD key and stamps with its primary HMAC key.
   */
  static PayloadSealer create(Keyset keys, Clock clock, SecureRandom random) {
    return new DefaultPayloadSealer(keys, null, clock, random);
  }

  /**
   * The same sealer using key {@code keyId} instead of the primary: for {@link #seal}/{@link
   * #sealBound} if it is an AEAD key, for {@link #stamp} if it is an HMAC key. The operations of
   * the other kind then fail with {@link RefusalReason#UNKNOWN_ALGORITHM}; they never fall back to
   * a primary key.
   *
   * @throws IllegalArgumentException if the key does not exist, is disabled or is a signature key
   */
  PayloadSealer withKey(long keyId);

  /** An envelope of {@code plaintext} bound to {@code topic}. */
  byte[] seal(String topic, byte[] plaintext) throws PayloadSecurityException;

  /** An envelope bound to {@code topic} and to the publisher's {@code clientId} (flag bit 0). */
  byte[] sealBound(String topic, String clientId, byte[] plaintext) throws PayloadSecurityException;

  /**
   * Opens an envelope received on {@code topic}. Checks structure, key and tag only: timestamp and
   * replay are the broker's job (or the caller's).
   *
   * @param clientId the publisher's client ID if the envelope is client-bound, else ignored
   */
  byte[] open(String topic, @Nullable String clientId, byte[] envelope)
      throws PayloadSecurityException;

  /**
   * Opens whatever protected payload {@code payload} is, told apart by its algorithm byte: an
   * envelope (as {@link #open}), or a stamp (HMAC-SHA256 with a key of the keyset, Ed25519 or ECDSA
   * P-256 with a public key of the keyset; the stamp is removed). Checks structure, key (exists,
   * enabled, of the stated algorithm) and tag or signature against {@code topic}; timestamp, replay
   * and the owner of a signature key are the broker's job (it knows the publisher). Check {@link
   * Opened#encrypted()} before treating the payload as confidential.
   *
   * @param clientId the publisher's client ID if the envelope is client-bound, else ignored
   */
  Opened openOrVerify(String topic, @Nullable String clientId, byte[] payload)
      throws PayloadSecurityException;

  /** {@code payload} prefixed with an HMAC-SHA256 stamp bound to {@code topic}. */
  byte[] stamp(String topic, byte[] payload) throws PayloadSecurityException;

  /**
   * {@code payload} prefixed with a signature stamp (Ed25519 or ECDSA P-256, chosen by the key's
   * algorithm) bound to {@code topic}; the broker verifies it with the public key {@code keyId} of
   * {@code keys.json}.
   */
  static byte[] sign(PrivateKey key, long keyId, String topic, byte[] payload, Clock clock)
      throws PayloadSecurityException {
    return DefaultPayloadSealer.sign(key, keyId, topic, payload, clock);
  }
}

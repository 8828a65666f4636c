package io.mqttguard.envelope;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Seals payloads with one {@link WireKey}, shaped like Tink's AEAD: the nonce is made inside from
 * the injected {@link SecureRandom} (fresh for every message), the timestamp comes from the
 * injected {@link Clock}, the topic (and for bound messages the publisher's client ID) is required
 * associated data, and the key ID travels in the wire format. An AEAD key seals envelopes (the
 * payload is encrypted); an HMAC-SHA256 or signing key seals stamps (the payload stays in clear,
 * authenticated). Writes format version 2 unless {@link #withFormatVersion} says 1.
 *
 * <p>Nonces are 96 random bits: rotate an AEAD key well before 2^32 messages (across all its
 * sealers). Thread-safe if the {@code SecureRandom} is (the JDK's are).
 *
 * <p>Failures throw {@link EnvelopeException} (uniform message): {@code INVALID_TOPIC} for a topic
 * that is not a valid MQTT topic name or a client ID over 65535 UTF-8 bytes; otherwise {@code
 * AUTHENTICATION_FAILED} (envelopes), {@code HMAC_INVALID} or {@code SIGNATURE_INVALID} (stamps).
 */
public interface Sealer {

  /**
   * A sealer of format version 2 with {@code key}.
   *
   * @throws IllegalArgumentException if {@code key} cannot seal (a public key)
   */
  static Sealer create(WireKey key, Clock clock, SecureRandom random) {
    return new DefaultSealer(key, clock, random, Header.VERSION_2, new Jca());
  }

  /**
   * The same sealer writing format {@code version} (1 or 2). Version 1 is for devices and brokers
   * that do not know version 2 yet: its stamps have no nonce (two identical payloads on one topic
   * within a second are identical, and the second is refused as a replay) and cannot be bound.
   *
   * @throws IllegalArgumentException for another version
   */
  Sealer withFormatVersion(int version);

  /** The format version this sealer writes. */
  int formatVersion();

  /** The key this sealer uses. */
  WireKey key();

  /** {@code payload} sealed for {@code topic}: an envelope or a stamped payload. */
  byte[] seal(String topic, byte[] payload) throws EnvelopeException;

  /**
   * {@code payload} sealed for {@code topic} and the publisher's {@code clientId} (flag bit 0): a
   * broker accepts it only from that client ID.
   *
   * @throws UnsupportedOperationException for a version 1 stamp (version 1 stamps cannot be bound
   *     to a client ID)
   */
  byte[] sealBound(String topic, String clientId, byte[] payload) throws EnvelopeException;
}

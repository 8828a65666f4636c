package io.mqttguard.envelope;

import org.jspecify.annotations.Nullable;

/**
 * Opens envelopes and verifies stamps of both format versions: structure, key, client binding and
 * the tag or signature. Timestamp window, replay and the owner of a signing key need the broker's
 * context and are not checked here. No plaintext is ever released unless the tag verified.
 * Thread-safe; reuses per-thread JCA objects, so keep one instance.
 */
public interface Opener {

  static Opener create() {
    return new DefaultOpener(new Jca());
  }

  /** Finds the key of a key ID. */
  @FunctionalInterface
  interface KeyLookup {
    /** The key with {@code keyId}, or {@code null} if there is none. */
    @Nullable WireKey key(long keyId);
  }

  /**
   * Parses {@code sealed}, finds its key in {@code keys} and opens or verifies it (as {@link
   * #open(Header, WireKey, String, String, byte[])}).
   *
   * @param clientId the publisher's client ID; required if the message is bound, else ignored
   * @throws EnvelopeException {@link Header#parse(byte[])}'s reasons, {@code UNKNOWN_KEY}, then as
   *     {@link #open(Header, WireKey, String, String, byte[])}
   */
  Opened open(KeyLookup keys, String topic, @Nullable String clientId, byte[] sealed)
      throws EnvelopeException;

  /**
   * The plaintext of envelope {@code sealed}, or the payload of stamp {@code sealed} without the
   * stamp, after checking it against {@code key}.
   *
   * @param header {@code sealed}'s header ({@link Header#parse})
   * @param key the key of {@code header.keyId()} (a public key for signature stamps)
   * @param clientId the publisher's client ID; required if the message is bound, else ignored
   * @throws EnvelopeException {@code INVALID_TOPIC}; {@code UNKNOWN_KEY} (another key ID or a key
   *     that cannot open); {@code UNKNOWN_ALGORITHM} (the key's algorithm is not the header's);
   *     {@code CLIENT_BINDING_REQUIRED} (bound, but {@code clientId} is null); {@code
   *     AUTHENTICATION_FAILED}, {@code HMAC_INVALID}, {@code SIGNATURE_INVALID} (also for a bound
   *     message and a client ID over 65535 UTF-8 bytes, to which nothing can be bound)
   */
  byte[] open(Header header, WireKey key, String topic, @Nullable String clientId, byte[] sealed)
      throws EnvelopeException;

  /**
   * Verifies stamp {@code sealed} as {@link #open(Header, WireKey, String, String, byte[])} does,
   * without copying its payload.
   *
   * @throws IllegalArgumentException if {@code header} is an envelope's
   */
  void verifyStamp(
      Header header, WireKey key, String topic, @Nullable String clientId, byte[] sealed)
      throws EnvelopeException;
}

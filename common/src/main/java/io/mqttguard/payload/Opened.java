package io.mqttguard.payload;

/**
 * What {@link PayloadSealer#openOrVerify} found: the payload without its protection, and how it was
 * protected. Never carries key material.
 *
 * @param payload the plaintext of an envelope, or the payload of a stamp without the stamp
 * @param algorithm the key's algorithm as written in {@code keys.json}, e.g. {@code AES-256-GCM},
 *     {@code HMAC-SHA256}, {@code ED25519}
 * @param keyId the key ID of the wire format (uint32)
 * @param encrypted {@code true} for an envelope (confidential and authentic), {@code false} for a
 *     stamp (authentic only: the payload travelled in clear)
 * @param formatVersion the wire format version, 1 or 2
 * @param clientBound whether it was bound to the publisher's client ID (and that one was checked)
 */
@SuppressWarnings("ArrayRecordComponent") // a result to read, never compared or hashed
public record Opened(
    byte[] payload,
    String algorithm,
    long keyId,
    boolean encrypted,
    int formatVersion,
    boolean clientBound) {}

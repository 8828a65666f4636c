/**
 * MQTT Guard's payload wire format (versions 1 and 2, {@code docs/payload-envelope.md}) on the JDK
 * alone: {@link io.mqttguard.envelope.Sealer} seals envelopes (AES-256-GCM, ChaCha20-Poly1305) and
 * stamps (HMAC-SHA256, Ed25519, ECDSA P-256), {@link io.mqttguard.envelope.Opener} opens and
 * verifies them, {@link io.mqttguard.envelope.Header} parses the fixed header, {@link
 * io.mqttguard.envelope.WireKey} holds a key of {@code keys.json} (with HKDF per-topic derivation).
 *
 * <p>Shaped like Tink: nonces are made inside from an injected {@code SecureRandom}, time comes
 * from an injected {@code Clock}, the topic (and the client ID when bound) is required associated
 * data, key IDs travel in the wire format, and every failure is an {@link
 * io.mqttguard.envelope.EnvelopeException} with one uniform message and a {@link
 * io.mqttguard.envelope.FailureReason}. Nothing here logs or prints key material or payload bytes.
 * The public API is interfaces, records, enums and one exception; implementations are
 * package-private.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.envelope;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

/**
 * Payload protection: the broker decrypts and verifies PUBLISH payloads before distribution.
 *
 * <p>Broker side: {@link io.mqttguard.payload.PayloadGuard#inbound} returns an {@link
 * io.mqttguard.payload.PayloadVerdict} (pass through, replaced payload, refused with a {@link
 * io.mqttguard.payload.RefusalReason}). Client side: {@link io.mqttguard.payload.PayloadSealer}
 * produces envelopes and integrity trailers. Configuration: {@link io.mqttguard.payload.Keyset}
 * ({@code keys.json}) and {@link io.mqttguard.payload.PayloadConfig} ({@code payload.json}). The
 * wire format is specified in {@code docs/payload-envelope.md}, the rules in {@code
 * docs/payload-rules.md}. Nothing in this package logs, audits or prints key material or payload
 * bytes.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.payload;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

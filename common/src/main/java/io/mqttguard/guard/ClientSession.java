package io.mqttguard.guard;

import io.mqttguard.identity.ClientIdentity;
import java.time.Duration;

/**
 * One accepted client connection. Answers every authorization and payload question for that client
 * against the guard's <em>current</em> snapshot: after a reload the client's policy is recompiled
 * (lazily, at its next decision) and the client is re-checked; a client that lost its right to be
 * connected is revoked, after which every decision denies and the {@link RevocationListener} is
 * told to disconnect it.
 *
 * <p>Thread-safe: brokers call decisions from many threads. Decisions never throw on any input.
 */
public interface ClientSession {
  /** Who the client is, as decided at CONNECT. */
  ClientIdentity identity();

  /** The broker listener the client connected on. */
  String listener();

  /**
   * The broker has connected the client (after CONNACK success): confirms the client-ID claim for
   * takeover protection. Idempotent.
   */
  void connected();

  /**
   * The connection ended (or the broker refused the client after authentication, then with {@link
   * Duration#ZERO}). The client ID stays reserved for the same principal for {@code sessionExpiry}.
   * Idempotent; every later decision denies.
   */
  void close(Duration sessionExpiry);

  /** Whether the session was revoked by a reload or recheck (or closed): every decision denies. */
  boolean revoked();
}

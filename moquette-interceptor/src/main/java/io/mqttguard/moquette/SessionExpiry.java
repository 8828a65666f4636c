package io.mqttguard.moquette;

import java.time.Duration;

/** MQTT 3.1.1 session lifetime for the core's client-ID reservation. */
final class SessionExpiry {
  /** A persistent 3.1.1 session never expires; the core caps the reservation. */
  static final Duration PERSISTENT = Duration.ofDays(3650);

  private SessionExpiry() {}

  static Duration of(Connection c) {
    return !c.confirmed() || c.cleanSession() ? Duration.ZERO : PERSISTENT;
  }
}

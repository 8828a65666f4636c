package io.mqttguard.moquette;

import io.mqttguard.audit.AuditSink;
import io.mqttguard.config.ConfigException;
import java.time.Clock;

/**
 * Creates the {@link Gate} when the broker starts, wired to the live connections so that the core
 * can have revoked clients disconnected.
 */
@FunctionalInterface
interface GateFactory {

  /** An open gate and what to close when the broker stops. */
  record Opened(Gate gate, AutoCloseable resources) {}

  Opened open(LiveClients live, AuditSink audit, Clock clock) throws ConfigException;
}

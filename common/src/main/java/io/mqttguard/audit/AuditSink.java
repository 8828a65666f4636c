package io.mqttguard.audit;

/**
 * Receives audit events. Implementations must be thread-safe and must never throw: auditing must
 * not change a security decision.
 */
@FunctionalInterface
public interface AuditSink {
  /** Records {@code event}. */
  void record(AuditEvent event);

  /** A sink that drops every event (for tests and tools that do not audit). */
  static AuditSink discarding() {
    return event -> {};
  }

  /** The standard sink: one JSON line per event on the SLF4J logger {@code io.mqttguard.audit}. */
  static AuditSink slf4j() {
    return new Slf4jAuditSink();
  }
}

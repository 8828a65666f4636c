package io.mqttguard.moquette;

import io.mqttguard.audit.AuditEvent;
import io.mqttguard.audit.AuditSink;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Audit events that only the adapter can see (a callback failed, a connection had no hook, a
 * connection was closed because of a refused payload). Core decisions are audited by the core.
 * Thread-safe; never records a secret or a payload.
 */
final class AdapterAudit {
  private final AuditSink sink;
  private final Clock clock;

  AdapterAudit(AuditSink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  /** Records a denial decided by the adapter's fail-closed rules. */
  void deny(String event, @Nullable String clientId, String reasonCode, String detail) {
    record(event, "deny", clientId, reasonCode, detail);
  }

  /** Records an internal failure that was turned into a denial. */
  void error(String event, @Nullable String clientId, Throwable failure) {
    record(event, "error", clientId, "internal-error", failure.getClass().getName());
  }

  private void record(
      String event, String outcome, @Nullable String clientId, String reasonCode, String detail) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("adapter", "moquette");
    details.put("detail", detail);
    try {
      sink.record(
          new AuditEvent(
              clock.instant(),
              event,
              outcome,
              clientId,
              null,
              null,
              null,
              reasonCode,
              "moquette-adapter",
              details));
    } catch (RuntimeException e) {
      // An audit sink failure must never turn a denial into an allow or kill a broker thread.
    }
  }
}

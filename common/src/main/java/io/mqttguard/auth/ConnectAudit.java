package io.mqttguard.auth;

import static io.mqttguard.audit.AuditText.IDENTIFIER_CHARS;

import io.mqttguard.audit.AuditEvent;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.audit.AuditText;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns CONNECT decisions into audit events; never includes a password or hash. */
final class ConnectAudit {
  private final AuditSink sink;
  private final Clock clock;

  ConnectAudit(AuditSink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  void record(ConnectRequest req, AuthResult result) {
    try {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("mqttVersion", Integer.toString(req.mqttVersion()));
      details.put(
          "tls",
          req.tls() == null ? "none" : AuditText.sanitize(req.tls().protocol(), IDENTIFIER_CHARS));
      details.put("passwordPresent", Boolean.toString(req.hasPassword()));
      String reason;
      String decidedBy;
      if (result instanceof AuthResult.Accepted a) {
        reason = "SUCCESS";
        decidedBy = a.decidedBy();
      } else {
        AuthResult.Rejected r = (AuthResult.Rejected) result;
        reason = r.reason().name();
        decidedBy = "authentication";
        details.put("detail", r.auditDetail());
      }
      String username = req.username();
      sink.record(
          new AuditEvent(
              clock.instant(),
              "connect",
              result.accepted() ? "allow" : "deny",
              AuditText.sanitize(req.clientId(), IDENTIFIER_CHARS),
              username == null ? null : AuditText.sanitize(username, IDENTIFIER_CHARS),
              req.remoteAddress() == null
                  ? null
                  : AuditText.sanitize(req.remoteAddress(), IDENTIFIER_CHARS),
              AuditText.sanitize(req.listener(), IDENTIFIER_CHARS),
              reason,
              decidedBy,
              details));
    } catch (RuntimeException e) {
      // Auditing must never change a decision; the sink contract forbids throwing anyway.
    }
  }

  void recordRecheck(io.mqttguard.identity.ClientIdentity identity, AuthResult result) {
    try {
      String username = identity.username();
      sink.record(
          new AuditEvent(
              clock.instant(),
              "recheck",
              result.accepted() ? "allow" : "deny",
              AuditText.sanitize(identity.clientId(), IDENTIFIER_CHARS),
              username == null ? null : AuditText.sanitize(username, IDENTIFIER_CHARS),
              null,
              null,
              result instanceof AuthResult.Rejected r ? r.reason().name() : "SUCCESS",
              "authentication",
              result instanceof AuthResult.Rejected r
                  ? Map.of("detail", r.auditDetail())
                  : Map.of()));
    } catch (RuntimeException e) {
      // Auditing must never change a decision.
    }
  }
}

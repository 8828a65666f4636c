package io.mqttguard.guard;

import io.mqttguard.acl.Decision;
import io.mqttguard.acl.RuleRef;
import io.mqttguard.audit.AuditEvent;
import io.mqttguard.audit.AuditText;
import io.mqttguard.identity.ClientIdentity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The guard's audit events (denied publish/subscribe, revoked session), with every
 * client-controlled string made safe by {@link AuditText#sanitize} ({@link AuditText#TEXT_CHARS}).
 * Stateless.
 */
final class AuditEvents {
  private AuditEvents() {}

  /** The audit event of a denied publish or subscribe. */
  static AuditEvent denyEvent(
      Instant time,
      ClientSession session,
      String action,
      String topic,
      Decision decision,
      long suppressed) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("topic", cap(topic));
    details.put("basis", decision.basis().name());
    details.put("reason", cap(decision.reason()));
    if (suppressed > 0) {
      details.put("suppressedBefore", Long.toString(suppressed));
    }
    RuleRef rule = decision.rule();
    ClientIdentity id = session.identity();
    String username = id.username();
    return new AuditEvent(
        time,
        action,
        "deny",
        cap(id.clientId()),
        username == null ? null : cap(username),
        null,
        cap(session.listener()),
        "NOT_AUTHORIZED",
        rule == null ? null : rule.toString(),
        details);
  }

  /** The audit event of a live session revoked after a reload or certificate expiry. */
  static AuditEvent revokeEvent(Instant time, ClientSession session, String detail) {
    ClientIdentity id = session.identity();
    String username = id.username();
    return new AuditEvent(
        time,
        "revoke",
        "deny",
        cap(id.clientId()),
        username == null ? null : cap(username),
        null,
        cap(session.listener()),
        "NOT_AUTHORIZED",
        null,
        Map.of("reason", cap(detail)));
  }

  private static String cap(String s) {
    return AuditText.sanitize(s, AuditText.TEXT_CHARS);
  }
}

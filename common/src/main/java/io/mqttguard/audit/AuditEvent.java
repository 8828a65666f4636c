package io.mqttguard.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One security decision, as recorded in the audit log. Callers must put no secret (password, hash,
 * key material, payload) into any field; identifiers (client ID, username, topic) are fine.
 *
 * @param time when the decision was made (from the injected {@code Clock})
 * @param event what was decided, e.g. {@code connect}, {@code publish}, {@code subscribe}, {@code
 *     receive}, {@code payload}, {@code reload}
 * @param outcome {@code allow}, {@code deny}, {@code error} or {@code warn} (e.g. key wear-out)
 * @param clientId MQTT client identifier, if known
 * @param username username, if any
 * @param remoteAddress the peer's address, if known
 * @param listener the broker listener name, if known
 * @param reasonCode machine-readable reason (e.g. an MQTT reason code name or our own code)
 * @param decidedBy the rule or mapping that decided, e.g. {@code role:sensor/rules/0}
 * @param details further non-secret facts (topic, QoS, ...), rendered in insertion order
 */
public record AuditEvent(
    Instant time,
    String event,
    String outcome,
    @Nullable String clientId,
    @Nullable String username,
    @Nullable String remoteAddress,
    @Nullable String listener,
    @Nullable String reasonCode,
    @Nullable String decidedBy,
    Map<String, String> details) {

  public AuditEvent {
    requireNonNull(time, "time");
    requireNonNull(event, "event");
    requireNonNull(outcome, "outcome");
    details = Map.copyOf(details);
  }
}

package io.mqttguard.payload;

import io.mqttguard.audit.AuditSink;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.topic.TopicFilter;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Broker-side payload protection for one configuration snapshot: decides, for each inbound PUBLISH,
 * whether its payload passes through, is replaced (decrypted / stamp stripped) or is refused.
 *
 * <p>Contract: {@link #inbound} never throws and never returns {@code null}; on any failure it
 * returns {@link PayloadVerdict.Refused} (fail closed) and records an audit event (event {@code
 * payload}, outcome {@code deny}, reasonCode = the {@link RefusalReason} name, decidedBy {@code
 * payload:<rule>}, details topic/bytes/keyId; never payload bytes or key material). When no rule
 * matches the topic the call is a trie walk without allocation and returns {@link
 * PayloadVerdict#passThrough()}. Implementations are thread-safe.
 */
public interface PayloadGuard {

  /**
   * Decides what happens to {@code payload} published on {@code topic} by {@code identity}.
   *
   * @param topic the PUBLISH topic name
   * @param identity the authenticated publisher
   * @param payload the received payload; not modified
   */
  PayloadVerdict inbound(String topic, ClientIdentity identity, byte[] payload);

  /**
   * Whether any payload rule is configured; when false, {@link #inbound} passes every payload
   * through unchanged and a broker need not call it. Defaults to {@code true} (call it).
   */
  default boolean hasRules() {
    return true;
  }

  /**
   * Whether a payload rule may apply to a PUBLISH on some topic matched by one of {@code filters}
   * (a client's allowed publish filters): when false, {@link #inbound} passes every payload such a
   * client can publish through unchanged. Defaults to {@link #hasRules()}.
   */
  default boolean mayApply(List<TopicFilter> filters) {
    return hasRules();
  }

  /**
   * A guard for {@code config}. One guard per configuration snapshot: a reload creates a new guard
   * (the replay cache starts empty; the window still bounds the replay of older messages).
   *
   * @param audit receives one event per refusal
   * @param clock the time source for the replay window
   */
  static PayloadGuard create(PayloadConfig config, AuditSink audit, Clock clock) {
    return new DefaultPayloadGuard(config, audit, clock, KeyUsage.create(audit, clock));
  }

  /**
   * A guard for {@code config} that counts accepted envelopes per key in {@code keyUsage} (one
   * {@link KeyUsage} for the broker's lifetime, so that counts survive reloads).
   */
  static PayloadGuard create(
      PayloadConfig config, AuditSink audit, Clock clock, KeyUsage keyUsage) {
    return new DefaultPayloadGuard(config, audit, clock, keyUsage);
  }

  /**
   * A guard for {@code config} after a hot reload: it takes over {@code previous}'s memory of
   * accepted nonces (when the replay window and cache size are unchanged), so a reload does not let
   * messages accepted within the last window be replayed. If the replay settings changed, or {@code
   * previous} is not a guard created here, it starts with an empty cache (the window still bounds
   * what can be replayed). It also keeps {@code previous}'s {@link KeyUsage} counts. {@code
   * previous} stays usable for in-flight calls.
   */
  static PayloadGuard reload(
      PayloadGuard previous, PayloadConfig config, AuditSink audit, Clock clock) {
    return DefaultPayloadGuard.reload(previous, config, audit, clock, null);
  }

  /**
   * {@link #reload(PayloadGuard, PayloadConfig, AuditSink, Clock)}, counting accepted envelopes in
   * {@code keyUsage} (the broker's, also when {@code previous} was a disabled guard).
   */
  static PayloadGuard reload(
      PayloadGuard previous,
      PayloadConfig config,
      AuditSink audit,
      Clock clock,
      KeyUsage keyUsage) {
    return DefaultPayloadGuard.reload(previous, config, audit, clock, keyUsage);
  }

  /**
   * The {@code keyUsageFile} of {@code payload.json} (relative to the configuration directory, or
   * absolute), or {@code null} when not configured (and for guards without rules).
   */
  default @Nullable String keyUsageFile() {
    return null;
  }

  /** Payload protection off: every payload passes through. */
  static PayloadGuard disabled() {
    return DisabledPayloadGuard.INSTANCE;
  }
}

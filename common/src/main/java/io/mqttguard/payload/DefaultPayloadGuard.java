package io.mqttguard.payload;

import io.mqttguard.audit.AuditEvent;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.audit.LogBudget;
import io.mqttguard.envelope.Algorithm;
import io.mqttguard.envelope.EnvelopeException;
import io.mqttguard.envelope.Header;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.topic.TopicFilter;
import io.mqttguard.topic.TopicName;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@link PayloadGuard} for one {@link PayloadConfig}. Thread-safe. Refusals for a publisher
 * over its replay share ({@link RefusalReason#REPLAY_QUOTA_EXCEEDED}) come in floods by nature:
 * their audit events are rate-limited ({@value #QUOTA_AUDIT_BURST} at once, {@value
 * #QUOTA_AUDIT_PER_SECOND}/s), the next written event counts the suppressed ones.
 */
final class DefaultPayloadGuard implements PayloadGuard {
  static final int QUOTA_AUDIT_BURST = 20;
  static final int QUOTA_AUDIT_PER_SECOND = 5;

  private final PayloadConfig config;
  private final AuditSink audit;
  private final Clock clock;
  private final Verifier verifier;
  private final Map<RefusalReason, PayloadVerdict.Refused> refusals =
      new EnumMap<>(RefusalReason.class);
  private final LogBudget quotaAudit;
  private final KeyCounters keyUsage;
  private final KeyUsageIndex keyUsageIndex;

  DefaultPayloadGuard(PayloadConfig config, AuditSink audit, Clock clock, KeyUsage keyUsage) {
    this(config, audit, clock, newCache(config), (KeyCounters) keyUsage);
  }

  private DefaultPayloadGuard(
      PayloadConfig config,
      AuditSink audit,
      Clock clock,
      ReplayCache replay,
      KeyCounters keyUsage) {
    this.config = config;
    this.keyUsage = keyUsage;
    this.keyUsageIndex = new KeyUsageIndex(keyUsage, config.keys());
    this.audit = audit;
    this.clock = clock;
    this.verifier = new Verifier(config.keys(), replay, config.replayWindowSeconds());
    this.quotaAudit = LogBudget.tokenBucket(clock, QUOTA_AUDIT_BURST, QUOTA_AUDIT_PER_SECOND);
    for (RefusalReason r : RefusalReason.values()) {
      refusals.put(r, new PayloadVerdict.Refused(r));
    }
  }

  /** See {@link PayloadGuard#reload}; {@code keyUsage} null: the previous guard's, else new. */
  static PayloadGuard reload(
      PayloadGuard previous,
      PayloadConfig config,
      AuditSink audit,
      Clock clock,
      @Nullable KeyUsage keyUsage) {
    ReplayCache cache =
        previous instanceof DefaultPayloadGuard p
                && p.config.replayWindowSeconds() == config.replayWindowSeconds()
                && p.config.replayCacheSize() == config.replayCacheSize()
                && p.config.replayPerPublisher() == config.replayPerPublisher()
            ? p.verifier.replayCache()
            : newCache(config);
    KeyCounters usage =
        keyUsage != null
            ? (KeyCounters) keyUsage
            : previous instanceof DefaultPayloadGuard p
                ? p.keyUsage
                : new KeyCounters(audit, clock);
    return new DefaultPayloadGuard(config, audit, clock, cache, usage);
  }

  private static ReplayCache newCache(PayloadConfig config) {
    return new ReplayCache(
        config.replayCacheSize(), config.replayWindowSeconds(), config.replayPerPublisher());
  }

  @Override
  public @Nullable String keyUsageFile() {
    return config.keyUsageFile();
  }

  @Override
  public boolean hasRules() {
    return config.hasRules();
  }

  @Override
  public boolean mayApply(List<TopicFilter> filters) {
    for (Rule rule : config.rules()) {
      for (TopicFilter ruleTopic : rule.topics()) {
        for (TopicFilter f : filters) {
          if (ruleTopic.intersects(f)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Override
  public PayloadVerdict inbound(String topic, ClientIdentity identity, byte[] payload) {
    Rule rule = config.trie().find(topic);
    if (rule == null) {
      return PayloadVerdict.passThrough();
    }
    long now = Math.floorDiv(clock.millis(), 1000L);
    Verifier.Result result;
    try {
      result = decide(rule, topic, identity, payload, now);
    } catch (RuntimeException e) {
      // Defensive: a provider bug must not turn into a crash or a pass-through.
      result = Verifier.Result.refused(RefusalReason.AUTHENTICATION_FAILED, -1);
    }
    RefusalReason reason = result.reason();
    if (reason == null && rule.action() == Action.DECRYPT) {
      keyUsageIndex.accepted(result.keyId()); // key wear-out: count accepted envelopes per key
    }
    if (reason == null) {
      byte[] replaced = result.replacement();
      if (replaced != null) {
        return new PayloadVerdict.Replaced(replaced);
      }
      // A kept stamp was verified; require-protected only checked the envelope's structure.
      return rule.action() == Action.REQUIRE_PROTECTED
          ? PayloadVerdict.passThrough()
          : PayloadVerdict.PassThrough.VERIFIED;
    }
    record(rule, topic, identity, payload.length, reason, result.keyId());
    return Objects.requireNonNull(refusals.get(reason)); // filled for every constant
  }

  private Verifier.Result decide(
      Rule rule, String topic, ClientIdentity identity, byte[] payload, long now) {
    if (payload.length > rule.maxPayloadBytes()) {
      return Verifier.Result.refused(RefusalReason.OVERSIZE, -1);
    }
    if (TopicName.problem(topic) != null) {
      return Verifier.Result.refused(RefusalReason.INVALID_TOPIC, -1);
    }
    return switch (rule.action()) {
      case DECRYPT -> verifier.decrypt(rule, topic, identity, payload, now);
      case VERIFY_HMAC, VERIFY_SIGNATURE ->
          verifier.verifyStamp(rule, topic, identity, payload, now);
      case REQUIRE_PROTECTED -> requireEnvelope(payload);
    };
  }

  private static Verifier.Result requireEnvelope(byte[] payload) {
    try {
      var unused = Header.parse(payload, Algorithm.Kind.AEAD);
      return Verifier.Result.PASS;
    } catch (EnvelopeException e) {
      return Verifier.Result.refused(RefusalReason.of(e.reason()), -1);
    }
  }

  private void record(
      Rule rule, String topic, ClientIdentity identity, int bytes, RefusalReason r, long keyId) {
    long suppressed = r == RefusalReason.REPLAY_QUOTA_EXCEEDED ? quotaAudit.take() : 0;
    if (suppressed < 0) {
      return;
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("topic", topic);
    details.put("bytes", Integer.toString(bytes));
    if (keyId >= 0) {
      details.put("keyId", Long.toString(keyId));
    }
    if (suppressed > 0) {
      details.put("suppressedBefore", Long.toString(suppressed));
    }
    try {
      audit.record(
          new AuditEvent(
              clock.instant(),
              "payload",
              "deny",
              identity.clientId(),
              identity.username(),
              null,
              null,
              r.name(),
              "payload:" + rule.name(),
              details));
    } catch (RuntimeException e) {
      // An audit failure must not change the decision (AuditSink contract: never throws).
    }
  }
}

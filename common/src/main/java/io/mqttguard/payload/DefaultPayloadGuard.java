package io.mqttguard.payload;

import io.mqttguard.audit.AuditEvent;
import io.mqttguard.audit.AuditSink;
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

/** The {@link PayloadGuard} for one {@link PayloadConfig}. Thread-safe. */
final class DefaultPayloadGuard implements PayloadGuard {
  private final PayloadConfig config;
  private final AuditSink audit;
  private final Clock clock;
  private final Verifier verifier;
  private final Map<RefusalReason, PayloadVerdict.Refused> refusals =
      new EnumMap<>(RefusalReason.class);

  DefaultPayloadGuard(PayloadConfig config, AuditSink audit, Clock clock) {
    this(config, audit, clock, newCache(config));
  }

  private DefaultPayloadGuard(
      PayloadConfig config, AuditSink audit, Clock clock, ReplayCache replay) {
    this.config = config;
    this.audit = audit;
    this.clock = clock;
    this.verifier = new Verifier(config.keys(), replay, config.replayWindowSeconds());
    for (RefusalReason r : RefusalReason.values()) {
      refusals.put(r, new PayloadVerdict.Refused(r));
    }
  }

  static PayloadGuard reload(
      PayloadGuard previous, PayloadConfig config, AuditSink audit, Clock clock) {
    ReplayCache cache =
        previous instanceof DefaultPayloadGuard p
                && p.config.replayWindowSeconds() == config.replayWindowSeconds()
                && p.config.replayCacheSize() == config.replayCacheSize()
            ? p.verifier.replayCache()
            : newCache(config);
    return new DefaultPayloadGuard(config, audit, clock, cache);
  }

  private static ReplayCache newCache(PayloadConfig config) {
    return new ReplayCache(config.replayCacheSize(), config.replayWindowSeconds());
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
    if (reason == null) {
      byte[] replaced = result.replacement();
      return replaced == null
          ? PayloadVerdict.passThrough()
          : new PayloadVerdict.Replaced(replaced);
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
    Map<String, String> details = new LinkedHashMap<>();
    details.put("topic", topic);
    details.put("bytes", Integer.toString(bytes));
    if (keyId >= 0) {
      details.put("keyId", Long.toString(keyId));
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

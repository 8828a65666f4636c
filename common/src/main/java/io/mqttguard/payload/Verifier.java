package io.mqttguard.payload;

import io.mqttguard.envelope.Algorithm;
import io.mqttguard.envelope.EnvelopeException;
import io.mqttguard.envelope.Header;
import io.mqttguard.envelope.Opener;
import io.mqttguard.envelope.WireKey;
import io.mqttguard.identity.ClientIdentity;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The checks of the protected path, in a fixed order: structure (versions 1 and 2), key (rule,
 * existence, status, algorithm, the signer's owner), client binding, timestamp window,
 * cryptographic verification (module {@code envelope}), then replay (only authentic messages enter
 * the replay cache; the identity is the key ID and the 12 bytes at {@link Header#replayIdOffset()}:
 * the nonce, or for a version 1 stamp the start of its tag). Never throws for any input.
 * Thread-safe.
 */
final class Verifier {

  /**
   * @param reason {@code null} when accepted
   * @param replacement the payload to forward instead, or {@code null} to forward unchanged
   * @param keyId the key ID read from the payload (for audit), or -1
   */
  @SuppressWarnings("ArrayRecordComponent")
  record Result(@Nullable RefusalReason reason, byte @Nullable [] replacement, long keyId) {
    static final Result PASS = new Result(null, null, -1);

    static Result refused(RefusalReason reason, long keyId) {
      return new Result(reason, null, keyId);
    }
  }

  private final Keyset keys;
  private final ReplayCache replay;
  private final long windowSeconds;
  private final Opener opener = Opener.create();

  Verifier(Keyset keys, ReplayCache replay, long windowSeconds) {
    this.keys = keys;
    this.replay = replay;
    this.windowSeconds = windowSeconds;
  }

  ReplayCache replayCache() {
    return replay;
  }

  Result decrypt(Rule rule, String topic, ClientIdentity identity, byte[] p, long now) {
    return check(rule, Algorithm.Kind.AEAD, topic, identity, p, now);
  }

  Result verifyStamp(Rule rule, String topic, ClientIdentity identity, byte[] p, long now) {
    Algorithm.Kind kind =
        rule.action() == Action.VERIFY_HMAC ? Algorithm.Kind.MAC : Algorithm.Kind.SIGNATURE;
    return check(rule, kind, topic, identity, p, now);
  }

  private Result check(
      Rule rule, Algorithm.Kind kind, String topic, ClientIdentity identity, byte[] p, long now) {
    Header h;
    try {
      h = Header.parse(p, kind);
    } catch (EnvelopeException e) {
      return Result.refused(RefusalReason.of(e.reason()), -1);
    }
    int keyId = (int) h.keyId();
    KeyEntry k = keys.key(keyId);
    RefusalReason problem = keyProblem(rule, keyId, k, h.algorithm());
    if (problem == null
        && k != null
        && kind == Algorithm.Kind.SIGNATURE
        && !k.ownedBy(identity.username(), identity.clientId())) {
      problem = RefusalReason.SIGNER_NOT_PUBLISHER;
    }
    if (problem == null && rule.requireClientBinding() && !h.clientBound()) {
      problem = RefusalReason.CLIENT_BINDING_REQUIRED;
    }
    problem = problem != null ? problem : freshness(h.timestamp(), now);
    WireKey key = k == null ? null : k.wireKey();
    if (problem != null || k == null || key == null) {
      return Result.refused(problem != null ? problem : RefusalReason.UNKNOWN_KEY, h.keyId());
    }
    return authenticAndFresh(rule, h, k, key, topic, identity, p, now);
  }

  private Result authenticAndFresh(
      Rule rule,
      Header h,
      KeyEntry k,
      WireKey key,
      String topic,
      ClientIdentity publisher,
      byte[] p,
      long now) {
    byte[] plain = null;
    try {
      if (h.isEnvelope()) {
        plain = opener.open(h, key, topic, publisher.clientId(), p);
      } else {
        opener.verifyStamp(h, key, topic, publisher.clientId(), p);
      }
    } catch (EnvelopeException e) {
      return Result.refused(RefusalReason.of(e.reason()), h.keyId());
    }
    RefusalReason replayed =
        replay.firstSeen(
            k.id(),
            replay.discriminator(k, topic),
            publisher,
            p,
            h.replayIdOffset(),
            h.timestamp(),
            now);
    if (replayed != null) {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
      return Result.refused(replayed, h.keyId());
    }
    if (plain != null) {
      return new Result(null, plain, h.keyId());
    }
    return rule.keepStamp()
        ? new Result(null, null, h.keyId())
        : new Result(null, Arrays.copyOfRange(p, h.bodyOffset(), p.length), h.keyId());
  }

  private static @Nullable RefusalReason keyProblem(
      Rule rule, int keyId, @Nullable KeyEntry k, Algorithm a) {
    if (k == null || !rule.keyIds().contains(keyId)) {
      return RefusalReason.UNKNOWN_KEY;
    }
    if (!k.status().usable()) {
      return RefusalReason.KEY_DISABLED;
    }
    return k.algorithm() == a ? null : RefusalReason.UNKNOWN_ALGORITHM;
  }

  private @Nullable RefusalReason freshness(long timestamp, long now) {
    if (timestamp < now - windowSeconds) {
      return RefusalReason.TIMESTAMP_EXPIRED;
    }
    return timestamp > now + windowSeconds ? RefusalReason.TIMESTAMP_IN_FUTURE : null;
  }
}

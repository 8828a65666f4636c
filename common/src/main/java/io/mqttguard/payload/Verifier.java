package io.mqttguard.payload;

import io.mqttguard.identity.ClientIdentity;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The checks of the protected path, in a fixed order: structure, key (rule, existence, status,
 * algorithm), client binding, timestamp window, cryptographic verification, then replay (only
 * authentic messages enter the replay cache). Never throws for any input. Thread-safe.
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
  private final JcaCache jca = new JcaCache();

  Verifier(Keyset keys, ReplayCache replay, long windowSeconds) {
    this.keys = keys;
    this.replay = replay;
    this.windowSeconds = windowSeconds;
  }

  ReplayCache replayCache() {
    return replay;
  }

  Result decrypt(Rule rule, String topic, ClientIdentity publisher, byte[] p, long now) {
    RefusalReason problem = Envelope.structureProblem(p);
    if (problem != null) {
      return Result.refused(problem, -1);
    }
    int keyId = Envelope.keyId(p);
    KeyEntry k = keys.key(keyId);
    problem = keyProblem(rule, keyId, k, Envelope.algorithm(p));
    if (problem == null && rule.requireClientBinding() && !Envelope.clientBound(p)) {
      problem = RefusalReason.CLIENT_BINDING_REQUIRED;
    }
    long ts = Envelope.timestamp(p);
    problem = problem != null ? problem : freshness(ts, now);
    if (problem != null || k == null) {
      return Result.refused(problem != null ? problem : RefusalReason.UNKNOWN_KEY, unsigned(keyId));
    }
    return open(k, topic, publisher, p, ts, now);
  }

  private Result open(
      KeyEntry k, String topic, ClientIdentity publisher, byte[] p, long ts, long now) {
    long id = unsigned(k.id());
    @Nullable String boundClientId = Envelope.clientBound(p) ? publisher.clientId() : null;
    byte[] aad = Envelope.associatedData(p, topic, boundClientId);
    byte[] plain;
    try {
      SecretKeySpec key = k.keyFor(topic, jca.hmacSha256());
      int n = p.length - Envelope.HEADER_LENGTH;
      plain =
          Aead.open(
              jca.cipher(k.algorithm()),
              k.algorithm(),
              key,
              p,
              Envelope.NONCE_OFFSET,
              aad,
              p,
              Envelope.HEADER_LENGTH,
              n);
    } catch (GeneralSecurityException e) {
      plain = null;
    }
    if (plain == null) {
      return Result.refused(RefusalReason.AUTHENTICATION_FAILED, id);
    }
    RefusalReason replayed =
        replay.firstSeen(
            k.id(), replay.discriminator(k, topic), publisher, p, Envelope.NONCE_OFFSET, ts, now);
    if (replayed != null) {
      Arrays.fill(plain, (byte) 0);
      return Result.refused(replayed, id);
    }
    return new Result(null, plain, id);
  }

  Result verifyStamp(Rule rule, String topic, ClientIdentity identity, byte[] p, long now) {
    Algorithm.Kind kind =
        rule.action() == Action.VERIFY_HMAC ? Algorithm.Kind.MAC : Algorithm.Kind.SIGNATURE;
    RefusalReason problem = Stamp.structureProblem(p, kind);
    if (problem != null) {
      return Result.refused(problem, -1);
    }
    int keyId = Bytes.getInt(p, 3);
    KeyEntry k = keys.key(keyId);
    problem = keyProblem(rule, keyId, k, Stamp.algorithm(p));
    if (problem == null
        && k != null
        && kind == Algorithm.Kind.SIGNATURE
        && !k.ownedBy(identity.username(), identity.clientId())) {
      problem = RefusalReason.SIGNER_NOT_PUBLISHER;
    }
    long ts = Bytes.getLong(p, 7);
    problem = problem != null ? problem : freshness(ts, now);
    if (problem != null || k == null) {
      return Result.refused(problem != null ? problem : RefusalReason.UNKNOWN_KEY, unsigned(keyId));
    }
    return checkStamp(rule, k, topic, identity, p, ts, now);
  }

  private Result checkStamp(
      Rule rule, KeyEntry k, String topic, ClientIdentity publisher, byte[] p, long ts, long now) {
    long id = unsigned(k.id());
    if (!authentic(p, topic, k)) {
      boolean mac = k.algorithm().kind == Algorithm.Kind.MAC;
      return Result.refused(mac ? RefusalReason.HMAC_INVALID : RefusalReason.SIGNATURE_INVALID, id);
    }
    RefusalReason replayed =
        replay.firstSeen(
            k.id(), replay.discriminator(k, topic), publisher, p, Stamp.HEADER_LENGTH, ts, now);
    if (replayed != null) {
      return Result.refused(replayed, id);
    }
    return rule.keepStamp()
        ? new Result(null, null, id)
        : new Result(null, Arrays.copyOfRange(p, Stamp.payloadOffset(p), p.length), id);
  }

  private static long unsigned(int keyId) {
    return Integer.toUnsignedLong(keyId);
  }

  private boolean authentic(byte[] p, String topic, KeyEntry k) {
    return Stamp.authentic(p, topic, k, jca);
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

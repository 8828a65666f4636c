package io.mqttguard.payload;

import io.mqttguard.envelope.Algorithm;
import io.mqttguard.envelope.EnvelopeException;
import io.mqttguard.envelope.Header;
import io.mqttguard.envelope.Opener;
import io.mqttguard.envelope.Sealer;
import io.mqttguard.envelope.WireKey;
import io.mqttguard.topic.TopicName;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The {@link PayloadSealer}: chooses the key of the keyset and delegates the wire format to module
 * {@code envelope} ({@link Sealer}, {@link Opener}). Immutable configuration; thread-safe. The
 * library's sealers (one per key, each reusing its per-thread JCA objects) are shared with the
 * sealers derived by {@link #withKey} and {@link #withFormatVersion}.
 */
final class DefaultPayloadSealer implements PayloadSealer {
  private final Keyset keys;
  private final @Nullable KeyEntry chosen;
  private final Clock clock;
  private final SecureRandom random;
  private final int version;
  private final Map<Integer, Sealer> sealers;
  private final Opener opener;

  DefaultPayloadSealer(
      Keyset keys, @Nullable KeyEntry chosen, Clock clock, SecureRandom random, int version) {
    this(keys, chosen, clock, random, version, new ConcurrentHashMap<>(), Opener.create());
  }

  private DefaultPayloadSealer(
      Keyset keys,
      @Nullable KeyEntry chosen,
      Clock clock,
      SecureRandom random,
      int version,
      Map<Integer, Sealer> sealers,
      Opener opener) {
    if (version != Header.VERSION_1 && version != Header.VERSION_2) {
      throw new IllegalArgumentException("format version must be 1 or 2, not " + version);
    }
    this.keys = keys;
    this.chosen = chosen;
    this.clock = clock;
    this.random = random;
    this.version = version;
    this.sealers = sealers;
    this.opener = opener;
  }

  @Override
  public PayloadSealer withKey(long keyId) {
    KeyEntry k = keyId < 1 || keyId > 0xFFFFFFFFL ? null : keys.key((int) keyId);
    if (k == null || !k.status().usable() || k.algorithm().kind() == Algorithm.Kind.SIGNATURE) {
      throw new IllegalArgumentException(
          "keyId must be an enabled AEAD or HMAC key of the keyset, but was " + keyId);
    }
    return new DefaultPayloadSealer(keys, k, clock, random, version, sealers, opener);
  }

  @Override
  public PayloadSealer withFormatVersion(int formatVersion) {
    return new DefaultPayloadSealer(keys, chosen, clock, random, formatVersion, sealers, opener);
  }

  @Override
  public byte[] seal(String topic, byte[] plaintext) throws PayloadSecurityException {
    return protect(Algorithm.Kind.AEAD, topic, null, plaintext);
  }

  @Override
  public byte[] sealBound(String topic, String clientId, byte[] plaintext)
      throws PayloadSecurityException {
    return protect(Algorithm.Kind.AEAD, topic, clientId, plaintext);
  }

  @Override
  public byte[] stamp(String topic, byte[] payload) throws PayloadSecurityException {
    return protect(Algorithm.Kind.MAC, topic, null, payload);
  }

  @Override
  public byte[] stampBound(String topic, String clientId, byte[] payload)
      throws PayloadSecurityException {
    return protect(Algorithm.Kind.MAC, topic, clientId, payload);
  }

  private byte[] protect(
      Algorithm.Kind kind, String topic, @Nullable String clientId, byte[] payload)
      throws PayloadSecurityException {
    checkTopic(topic);
    KeyEntry k = key(kind);
    Sealer s = sealer(k).withFormatVersion(version);
    try {
      return clientId == null ? s.seal(topic, payload) : s.sealBound(topic, clientId, payload);
    } catch (EnvelopeException e) {
      throw new PayloadSecurityException(RefusalReason.of(e.reason()));
    }
  }

  private Sealer sealer(KeyEntry k) throws PayloadSecurityException {
    WireKey w = k.wireKey();
    if (w == null) {
      throw new PayloadSecurityException(RefusalReason.KEY_DISABLED);
    }
    return sealers.computeIfAbsent(k.id(), id -> Sealer.create(w, clock, random));
  }

  @Override
  public byte[] open(String topic, @Nullable String clientId, byte[] envelope)
      throws PayloadSecurityException {
    checkTopic(topic);
    try {
      Header h = Header.parse(envelope, Algorithm.Kind.AEAD);
      return opener.open(h, usableKey(h), topic, clientId, envelope);
    } catch (EnvelopeException e) {
      throw new PayloadSecurityException(RefusalReason.of(e.reason()));
    }
  }

  @Override
  public Opened openOrVerify(String topic, @Nullable String clientId, byte[] payload)
      throws PayloadSecurityException {
    checkTopic(topic);
    try {
      Header h = Header.parse(payload);
      byte[] content = opener.open(h, usableKey(h), topic, clientId, payload);
      return new Opened(
          content,
          h.algorithm().jsonName(),
          h.keyId(),
          h.isEnvelope(),
          h.version(),
          h.clientBound());
    } catch (EnvelopeException e) {
      throw new PayloadSecurityException(RefusalReason.of(e.reason()));
    }
  }

  /** The usable key of {@code h}'s key ID and algorithm; the reason why not otherwise. */
  private WireKey usableKey(Header h) throws PayloadSecurityException {
    KeyEntry k = keys.key((int) h.keyId());
    if (k == null) {
      throw new PayloadSecurityException(RefusalReason.UNKNOWN_KEY);
    }
    if (!k.status().usable()) {
      throw new PayloadSecurityException(RefusalReason.KEY_DISABLED);
    }
    WireKey w = k.wireKey();
    if (k.algorithm() != h.algorithm() || w == null) {
      throw new PayloadSecurityException(RefusalReason.UNKNOWN_ALGORITHM);
    }
    return w;
  }

  static byte[] signV1(PrivateKey key, long keyId, String topic, byte[] payload, Clock clock)
      throws PayloadSecurityException {
    checkTopic(topic);
    WireKey signing;
    try {
      signing = WireKey.signing(keyId, key);
    } catch (IllegalArgumentException e) {
      throw new PayloadSecurityException(
          keyId < 1 || keyId > 0xFFFFFFFFL
              ? RefusalReason.UNKNOWN_KEY
              : RefusalReason.SIGNATURE_INVALID);
    }
    try {
      // Version 1 stamps draw no nonce; the JDK's own SecureRandom serves ECDSA's per-signature k.
      return Sealer.create(signing, clock, new SecureRandom())
          .withFormatVersion(1)
          .seal(topic, payload);
    } catch (EnvelopeException e) {
      throw new PayloadSecurityException(RefusalReason.of(e.reason()));
    }
  }

  /** The chosen key if it is of {@code kind} (never another one then), else the primary. */
  private KeyEntry key(Algorithm.Kind kind) throws PayloadSecurityException {
    KeyEntry c = chosen;
    if (c != null && c.algorithm().kind() != kind) {
      throw new PayloadSecurityException(RefusalReason.UNKNOWN_ALGORITHM);
    }
    KeyEntry k = c != null ? c : keys.primary(kind);
    if (k == null) {
      throw new PayloadSecurityException(RefusalReason.UNKNOWN_KEY);
    }
    return k;
  }

  private static void checkTopic(String topic) throws PayloadSecurityException {
    if (TopicName.problem(topic) != null) {
      throw new PayloadSecurityException(RefusalReason.INVALID_TOPIC);
    }
  }
}

package io.mqttguard.payload;

import io.mqttguard.topic.TopicName;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The {@link PayloadSealer}. Immutable configuration; thread-safe. Each thread reuses its own JCA
 * objects ({@link JcaCache}, shared with sealers derived by {@link #withKey}); every envelope still
 * gets a fresh random nonce and a fresh {@code Cipher.init}.
 */
final class DefaultPayloadSealer implements PayloadSealer {
  private final Keyset keys;
  private final @Nullable KeyEntry chosen;
  private final Clock clock;
  private final SecureRandom random;
  private final JcaCache jca;

  DefaultPayloadSealer(Keyset keys, @Nullable KeyEntry chosen, Clock clock, SecureRandom random) {
    this(keys, chosen, clock, random, new JcaCache());
  }

  private DefaultPayloadSealer(
      Keyset keys, @Nullable KeyEntry chosen, Clock clock, SecureRandom random, JcaCache jca) {
    this.keys = keys;
    this.chosen = chosen;
    this.clock = clock;
    this.random = random;
    this.jca = jca;
  }

  @Override
  public PayloadSealer withKey(long keyId) {
    KeyEntry k = keyId < 1 || keyId > 0xFFFFFFFFL ? null : keys.key((int) keyId);
    if (k == null || !k.status().usable() || k.algorithm().kind == Algorithm.Kind.SIGNATURE) {
      throw new IllegalArgumentException(
          "keyId must be an enabled AEAD or HMAC key of the keyset, but was " + keyId);
    }
    return new DefaultPayloadSealer(keys, k, clock, random, jca);
  }

  @Override
  public byte[] seal(String topic, byte[] plaintext) throws PayloadSecurityException {
    return sealInternal(topic, null, plaintext);
  }

  @Override
  public byte[] sealBound(String topic, String clientId, byte[] plaintext)
      throws PayloadSecurityException {
    return sealInternal(topic, clientId, plaintext);
  }

  private byte[] sealInternal(String topic, @Nullable String clientId, byte[] plaintext)
      throws PayloadSecurityException {
    checkTopic(topic);
    KeyEntry k = key(Algorithm.Kind.AEAD);
    byte[] nonce = new byte[Envelope.NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] out = new byte[Envelope.MIN_LENGTH + plaintext.length];
    Envelope.writeHeader(out, k.algorithm(), clientId != null, k.id(), seconds(clock), nonce);
    try {
      byte[] aad = Envelope.associatedData(out, topic, clientId);
      Aead.seal(
          jca.cipher(k.algorithm()),
          k.algorithm(),
          k.keyFor(topic, jca.hmacSha256()),
          out,
          Envelope.NONCE_OFFSET,
          aad,
          plaintext,
          out,
          Envelope.HEADER_LENGTH);
      return out;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new PayloadSecurityException(RefusalReason.AUTHENTICATION_FAILED);
    }
  }

  @Override
  public byte[] open(String topic, @Nullable String clientId, byte[] envelope)
      throws PayloadSecurityException {
    checkTopic(topic);
    RefusalReason problem = Envelope.structureProblem(envelope);
    if (problem != null) {
      throw new PayloadSecurityException(problem);
    }
    KeyEntry k = usableKey(Envelope.keyId(envelope), Envelope.algorithm(envelope));
    boolean bound = Envelope.clientBound(envelope);
    if (bound && clientId == null) {
      throw new PayloadSecurityException(RefusalReason.CLIENT_BINDING_REQUIRED);
    }
    byte[] plain;
    try {
      byte[] aad = Envelope.associatedData(envelope, topic, bound ? clientId : null);
      plain =
          Aead.open(
              jca.cipher(k.algorithm()),
              k.algorithm(),
              k.keyFor(topic, jca.hmacSha256()),
              envelope,
              Envelope.NONCE_OFFSET,
              aad,
              envelope,
              Envelope.HEADER_LENGTH,
              envelope.length - Envelope.HEADER_LENGTH);
    } catch (GeneralSecurityException | RuntimeException e) {
      plain = null; // RuntimeException: a client ID over 65535 UTF-8 bytes, no envelope has it
    }
    if (plain == null) {
      throw new PayloadSecurityException(RefusalReason.AUTHENTICATION_FAILED);
    }
    return plain;
  }

  @Override
  public Opened openOrVerify(String topic, @Nullable String clientId, byte[] payload)
      throws PayloadSecurityException {
    checkTopic(topic);
    RefusalReason version = Envelope.versionProblem(payload);
    if (version != null) {
      throw new PayloadSecurityException(version);
    }
    if (payload.length < 2) {
      throw new PayloadSecurityException(RefusalReason.TRUNCATED);
    }
    Algorithm a = Algorithm.fromWire(payload[1]);
    if (a == null) {
      throw new PayloadSecurityException(RefusalReason.UNKNOWN_ALGORITHM);
    }
    if (a.kind == Algorithm.Kind.AEAD) {
      byte[] plain = open(topic, clientId, payload);
      return new Opened(plain, a.jsonName, Integer.toUnsignedLong(Envelope.keyId(payload)), true);
    }
    RefusalReason problem = Stamp.structureProblem(payload, a.kind);
    if (problem != null) {
      throw new PayloadSecurityException(problem);
    }
    KeyEntry k = usableKey(Bytes.getInt(payload, 3), a);
    if (!Stamp.authentic(payload, topic, k, jca)) {
      throw new PayloadSecurityException(
          a.kind == Algorithm.Kind.MAC
              ? RefusalReason.HMAC_INVALID
              : RefusalReason.SIGNATURE_INVALID);
    }
    byte[] content = Arrays.copyOfRange(payload, Stamp.payloadOffset(payload), payload.length);
    return new Opened(content, a.jsonName, Integer.toUnsignedLong(k.id()), false);
  }

  /** The usable key {@code keyId} of algorithm {@code a}; the reason why not otherwise. */
  private KeyEntry usableKey(int keyId, Algorithm a) throws PayloadSecurityException {
    KeyEntry k = keys.key(keyId);
    if (k == null) {
      throw new PayloadSecurityException(RefusalReason.UNKNOWN_KEY);
    }
    if (!k.status().usable()) {
      throw new PayloadSecurityException(RefusalReason.KEY_DISABLED);
    }
    if (k.algorithm() != a) {
      throw new PayloadSecurityException(RefusalReason.UNKNOWN_ALGORITHM);
    }
    return k;
  }

  @Override
  public byte[] stamp(String topic, byte[] payload) throws PayloadSecurityException {
    checkTopic(topic);
    KeyEntry k = key(Algorithm.Kind.MAC);
    try {
      return Stamp.hmacStamp(k.keyFor(topic), k.id(), seconds(clock), topic, payload);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new PayloadSecurityException(RefusalReason.HMAC_INVALID);
    }
  }

  static byte[] sign(PrivateKey key, long keyId, String topic, byte[] payload, Clock clock)
      throws PayloadSecurityException {
    Algorithm a = key instanceof ECPrivateKey ? Algorithm.ECDSA_P256 : Algorithm.ED25519;
    checkTopic(topic);
    if (keyId < 1 || keyId > 0xFFFFFFFFL) {
      throw new PayloadSecurityException(RefusalReason.UNKNOWN_KEY);
    }
    try {
      return Stamp.signatureStamp(a, key, (int) keyId, seconds(clock), topic, payload);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new PayloadSecurityException(RefusalReason.SIGNATURE_INVALID);
    }
  }

  /** The chosen key if it is of {@code kind} (never another one then), else the primary. */
  private KeyEntry key(Algorithm.Kind kind) throws PayloadSecurityException {
    KeyEntry c = chosen;
    if (c != null && c.algorithm().kind != kind) {
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

  private static long seconds(Clock clock) {
    return Math.floorDiv(clock.millis(), 1000L);
  }
}

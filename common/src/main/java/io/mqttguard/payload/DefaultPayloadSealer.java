package io.mqttguard.payload;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
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
    RefusalReason problem = Envelope.structureProblem(envelope);
    if (problem != null) {
      throw new PayloadSecurityException(problem);
    }
    KeyEntry k = keys.key(Envelope.keyId(envelope));
    if (k == null) {
      throw new PayloadSecurityException(RefusalReason.UNKNOWN_KEY);
    }
    if (!k.status().usable()) {
      throw new PayloadSecurityException(RefusalReason.KEY_DISABLED);
    }
    if (k.algorithm() != Envelope.algorithm(envelope)) {
      throw new PayloadSecurityException(RefusalReason.UNKNOWN_ALGORITHM);
    }
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
    } catch (GeneralSecurityException e) {
      plain = null;
    }
    if (plain == null) {
      throw new PayloadSecurityException(RefusalReason.AUTHENTICATION_FAILED);
    }
    return plain;
  }

  @Override
  public byte[] stamp(String topic, byte[] payload) throws PayloadSecurityException {
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
    if (keyId < 1 || keyId > 0xFFFFFFFFL) {
      throw new PayloadSecurityException(RefusalReason.UNKNOWN_KEY);
    }
    try {
      return Stamp.signatureStamp(a, key, (int) keyId, seconds(clock), topic, payload);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new PayloadSecurityException(RefusalReason.SIGNATURE_INVALID);
    }
  }

  private KeyEntry key(Algorithm.Kind kind) throws PayloadSecurityException {
    KeyEntry k = chosen != null && chosen.algorithm().kind == kind ? chosen : keys.primary(kind);
    if (k == null) {
      throw new PayloadSecurityException(RefusalReason.UNKNOWN_KEY);
    }
    return k;
  }

  private static long seconds(Clock clock) {
    return Math.floorDiv(clock.millis(), 1000L);
  }
}

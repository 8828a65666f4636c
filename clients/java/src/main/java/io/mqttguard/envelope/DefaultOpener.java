package io.mqttguard.envelope;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** The {@link Opener}. Thread-safe: per-thread JCA objects ({@link Jca}), no other state. */
final class DefaultOpener implements Opener {
  private final Jca jca;

  DefaultOpener(Jca jca) {
    this.jca = jca;
  }

  @Override
  public Opened open(KeyLookup keys, String topic, @Nullable String clientId, byte[] sealed)
      throws EnvelopeException {
    Header h = Header.parse(sealed);
    WireKey k = keys.key(h.keyId());
    if (k == null) {
      throw new EnvelopeException(FailureReason.UNKNOWN_KEY);
    }
    return new Opened(h, open(h, k, topic, clientId, sealed));
  }

  @Override
  public byte[] open(
      Header header, WireKey key, String topic, @Nullable String clientId, byte[] sealed)
      throws EnvelopeException {
    if (!header.isEnvelope()) {
      verifyStamp(header, key, topic, clientId, sealed);
      return Arrays.copyOfRange(sealed, header.bodyOffset(), sealed.length);
    }
    byte[] aad = check(header, key, topic, clientId, sealed, Header.LONG_HEADER_LENGTH);
    if (!(key instanceof SymmetricWireKey k)) {
      throw new EnvelopeException(FailureReason.UNKNOWN_KEY);
    }
    byte[] plain;
    try {
      Algorithm a = k.algorithm();
      SecretKeySpec spec = k.keyFor(topic, jca.hmacSha256());
      int n = sealed.length - Header.LONG_HEADER_LENGTH;
      plain =
          Aead.open(
              jca.cipher(a),
              a,
              spec,
              sealed,
              Header.NONCE_OFFSET,
              aad,
              sealed,
              Header.LONG_HEADER_LENGTH,
              n);
    } catch (GeneralSecurityException | RuntimeException e) {
      plain = null;
    }
    if (plain == null) {
      throw new EnvelopeException(FailureReason.AUTHENTICATION_FAILED);
    }
    return plain;
  }

  @Override
  public void verifyStamp(
      Header header, WireKey key, String topic, @Nullable String clientId, byte[] sealed)
      throws EnvelopeException {
    if (header.isEnvelope()) {
      throw new IllegalArgumentException("an envelope, not a stamp");
    }
    byte[] names = check(header, key, topic, clientId, sealed, 0);
    int h = header.headerLength();
    int payloadOffset = header.bodyOffset();
    boolean ok;
    if (key instanceof SymmetricWireKey k) {
      try {
        var mac = jca.hmacSha256();
        ok = StampMessage.hmacMatches(mac, k.keyFor(topic, mac), sealed, h, names, payloadOffset);
      } catch (GeneralSecurityException | RuntimeException e) {
        ok = false;
      }
    } else if (key instanceof AsymmetricWireKey k && !k.canSign()) {
      ok =
          StampMessage.signatureMatches(
              k.algorithm(), k.publicKey(), sealed, h, names, payloadOffset);
    } else {
      throw new EnvelopeException(FailureReason.UNKNOWN_KEY);
    }
    if (!ok) {
      throw new EnvelopeException(tagFailure(key.algorithm()));
    }
  }

  /**
   * The checks before the crypto; returns {@code sealed[0, prefix)} followed by the bound names
   * (topic and, if bound, client ID).
   */
  private static byte[] check(
      Header header,
      WireKey key,
      String topic,
      @Nullable String clientId,
      byte[] sealed,
      int prefix)
      throws EnvelopeException {
    Names.check(topic, null);
    if (key.id() != header.keyId()) {
      throw new EnvelopeException(FailureReason.UNKNOWN_KEY);
    }
    if (key.algorithm() != header.algorithm()) {
      throw new EnvelopeException(FailureReason.UNKNOWN_ALGORITHM);
    }
    if (header.clientBound() && clientId == null) {
      throw new EnvelopeException(FailureReason.CLIENT_BINDING_REQUIRED);
    }
    try {
      return Bytes.withBoundNames(sealed, prefix, topic, header.clientBound() ? clientId : null);
    } catch (IllegalArgumentException e) {
      // a client ID over 65535 UTF-8 bytes: MQTT allows none, so nothing can be bound to it
      throw new EnvelopeException(tagFailure(header.algorithm()));
    }
  }

  private static FailureReason tagFailure(Algorithm a) {
    return switch (a.kind()) {
      case AEAD -> FailureReason.AUTHENTICATION_FAILED;
      case MAC -> FailureReason.HMAC_INVALID;
      case SIGNATURE -> FailureReason.SIGNATURE_INVALID;
    };
  }
}

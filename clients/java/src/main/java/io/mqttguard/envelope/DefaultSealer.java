package io.mqttguard.envelope;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Sealer}. Immutable; thread-safe. Each thread reuses its own JCA objects ({@link Jca},
 * shared with the sealers {@link #withFormatVersion} makes); every message still gets a fresh nonce
 * and a fresh {@code init}.
 */
final class DefaultSealer implements Sealer {
  private final WireKey key;
  private final Clock clock;
  private final SecureRandom random;
  private final int version;
  private final Jca jca;

  DefaultSealer(WireKey key, Clock clock, SecureRandom random, int version, Jca jca) {
    if (!(key instanceof SymmetricWireKey)
        && !(key instanceof AsymmetricWireKey a && a.canSign())) {
      throw new IllegalArgumentException("a public key cannot seal; give the private key");
    }
    if (version != Header.VERSION_1 && version != Header.VERSION_2) {
      throw new IllegalArgumentException("format version must be 1 or 2, not " + version);
    }
    this.key = key;
    this.clock = clock;
    this.random = random;
    this.version = version;
    this.jca = jca;
  }

  @Override
  public Sealer withFormatVersion(int formatVersion) {
    return new DefaultSealer(key, clock, random, formatVersion, jca);
  }

  @Override
  public int formatVersion() {
    return version;
  }

  @Override
  public WireKey key() {
    return key;
  }

  @Override
  public byte[] seal(String topic, byte[] payload) throws EnvelopeException {
    return protect(topic, null, payload);
  }

  @Override
  public byte[] sealBound(String topic, String clientId, byte[] payload) throws EnvelopeException {
    if (version == Header.VERSION_1 && key.algorithm().kind() != Algorithm.Kind.AEAD) {
      throw new UnsupportedOperationException("version 1 stamps cannot be bound to a client ID");
    }
    return protect(topic, clientId, payload);
  }

  private byte[] protect(String topic, @Nullable String clientId, byte[] payload)
      throws EnvelopeException {
    Names.check(topic, clientId);
    Algorithm a = key.algorithm();
    boolean envelope = a.kind() == Algorithm.Kind.AEAD;
    int header = Header.headerLength(version, envelope);
    byte[] out = new byte[header + a.tagLength() + payload.length];
    writeHeader(out, a, clientId != null, seconds());
    try {
      if (envelope) {
        sealEnvelope(out, topic, clientId, payload);
      } else {
        System.arraycopy(payload, 0, out, header + a.tagLength(), payload.length);
        byte[] tag = tag(out, header, topic, Bytes.boundNames(topic, clientId));
        System.arraycopy(tag, 0, out, header, tag.length);
      }
      return out;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new EnvelopeException(failure(a));
    }
  }

  private void writeHeader(byte[] out, Algorithm a, boolean bound, long timestamp) {
    out[0] = (byte) version;
    out[1] = (byte) a.wireId();
    out[2] = (byte) (bound ? Header.FLAG_CLIENT_BOUND : 0);
    Bytes.putInt(out, 3, (int) key.id());
    Bytes.putLong(out, 7, timestamp);
    if (Header.headerLength(version, a.kind() == Algorithm.Kind.AEAD) > Header.NONCE_OFFSET) {
      byte[] nonce = new byte[Header.NONCE_LENGTH];
      random.nextBytes(nonce);
      System.arraycopy(nonce, 0, out, Header.NONCE_OFFSET, Header.NONCE_LENGTH);
    }
  }

  private void sealEnvelope(byte[] out, String topic, @Nullable String clientId, byte[] plaintext)
      throws GeneralSecurityException {
    SymmetricWireKey k = (SymmetricWireKey) key;
    byte[] aad = Bytes.withBoundNames(out, Header.LONG_HEADER_LENGTH, topic, clientId);
    Algorithm a = k.algorithm();
    Aead.seal(
        jca.cipher(a),
        a,
        k.keyFor(topic, jca.hmacSha256()),
        out,
        Header.NONCE_OFFSET,
        aad,
        plaintext,
        out,
        Header.LONG_HEADER_LENGTH);
  }

  private byte[] tag(byte[] out, int header, String topic, byte[] names)
      throws GeneralSecurityException {
    int payloadOffset = header + key.algorithm().tagLength();
    if (key instanceof SymmetricWireKey k) {
      return StampMessage.hmac(
          jca.hmacSha256(), k.keyFor(topic, jca.hmacSha256()), out, header, names, payloadOffset);
    }
    AsymmetricWireKey k = (AsymmetricWireKey) key;
    return StampMessage.sign(
        k.algorithm(), k.privateKey(), random, out, header, names, payloadOffset);
  }

  private static FailureReason failure(Algorithm a) {
    return switch (a.kind()) {
      case AEAD -> FailureReason.AUTHENTICATION_FAILED;
      case MAC -> FailureReason.HMAC_INVALID;
      case SIGNATURE -> FailureReason.SIGNATURE_INVALID;
    };
  }

  private long seconds() {
    return Math.floorDiv(clock.millis(), 1000L);
  }
}

package io.mqttguard.envelope;

import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.spec.NamedParameterSpec;

/** A public (verifying) or private (signing) Ed25519 / ECDSA P-256 key. Immutable. */
final class AsymmetricWireKey implements WireKey {
  private final long id;
  private final Algorithm algorithm;
  private final Key key;

  AsymmetricWireKey(long id, Algorithm algorithm, Key key) {
    checkId(id);
    if (!fits(algorithm, key)) {
      throw new IllegalArgumentException("not a " + algorithm.jsonName() + " key");
    }
    this.id = id;
    this.algorithm = algorithm;
    this.key = key;
  }

  static void checkId(long id) {
    if (id < 1 || id > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("key IDs are 1..4294967295, not " + id);
    }
  }

  private static boolean fits(Algorithm a, Key key) {
    if (a == Algorithm.ED25519) {
      return key instanceof EdECKey ed
          && NamedParameterSpec.ED25519.getName().equalsIgnoreCase(ed.getParams().getName());
    }
    return a == Algorithm.ECDSA_P256
        && key instanceof ECKey ec
        && ec.getParams().getCurve().getField().getFieldSize() == 256;
  }

  boolean canSign() {
    return key instanceof PrivateKey;
  }

  /** The public key; only if {@code !canSign()}. */
  PublicKey publicKey() {
    return (PublicKey) key;
  }

  /** The private key; only if {@link #canSign()}. */
  PrivateKey privateKey() {
    return (PrivateKey) key;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public Algorithm algorithm() {
    return algorithm;
  }

  @Override
  public boolean derivesPerTopic() {
    return false;
  }

  @Override
  public void destroy() {
    // JCA asymmetric keys cannot be zeroed reliably; nothing to do.
  }

  @Override
  public byte[] topicKey(String topic) {
    throw new IllegalStateException("key " + id + " does not derive per topic");
  }

  @Override
  public String toString() {
    return "WireKey[" + id + " " + algorithm.jsonName() + (canSign() ? " private" : "") + "]";
  }
}

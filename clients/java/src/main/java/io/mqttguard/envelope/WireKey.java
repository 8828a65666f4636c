package io.mqttguard.envelope;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.spec.X509EncodedKeySpec;

/**
 * One key of the wire format: its key ID (written into every envelope and stamp), its algorithm and
 * its material: a symmetric key (AEAD, HMAC-SHA256; possibly a master from which per-topic keys are
 * derived by HKDF, {@code docs/payload-envelope.md} §4), a public key (verifying signatures) or a
 * private key (signing). {@code toString()} shows ID and algorithm only, never material. Immutable
 * apart from {@link #destroy()}; thread-safe.
 */
public interface WireKey {

  /** The key ID, 1 … 4294967295. */
  long id();

  Algorithm algorithm();

  /** Whether the key used for a topic is derived from this (master) key per topic. */
  boolean derivesPerTopic();

  /**
   * Zeroes symmetric material (a no-op for asymmetric keys). Idempotent. Operations with a
   * destroyed key fail closed (tags no longer verify).
   */
  void destroy();

  /**
   * A symmetric key: 32 bytes for AES-256-GCM and ChaCha20-Poly1305, 32–64 bytes for HMAC-SHA256.
   * The material is copied.
   *
   * @param derivePerTopic whether {@code material} is a master and each topic gets its own key
   * @throws IllegalArgumentException for an ID out of range, a signature algorithm or a wrong
   *     length (the message never contains material)
   */
  static WireKey symmetric(long id, Algorithm algorithm, byte[] material, boolean derivePerTopic) {
    return new SymmetricWireKey(id, algorithm, material.clone(), derivePerTopic);
  }

  /**
   * A public key that verifies Ed25519 or ECDSA P-256 stamps.
   *
   * @throws IllegalArgumentException for an ID out of range or a key not of {@code algorithm}
   *     (ECDSA: not on P-256)
   */
  static WireKey verifying(long id, Algorithm algorithm, PublicKey publicKey) {
    return new AsymmetricWireKey(id, algorithm, publicKey);
  }

  /**
   * As {@link #verifying(long, Algorithm, PublicKey)} from X.509 SubjectPublicKeyInfo DER (the
   * {@code publicKey} of {@code keys.json}).
   *
   * @throws IllegalArgumentException if {@code spkiDer} is not a public key of {@code algorithm}
   */
  static WireKey verifying(long id, Algorithm algorithm, byte[] spkiDer) {
    PublicKey pk;
    try {
      pk =
          KeyFactory.getInstance(algorithm.keyAlgorithm)
              .generatePublic(new X509EncodedKeySpec(spkiDer));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "not an X.509 SubjectPublicKeyInfo of a " + algorithm.jsonName() + " public key");
    }
    return verifying(id, algorithm, pk);
  }

  /**
   * A private key that signs stamps: Ed25519, or ECDSA on P-256 (the algorithm follows from the
   * key). Its public key must be in the broker's {@code keys.json} under {@code id}.
   *
   * @throws IllegalArgumentException for an ID out of range or another kind of key
   */
  static WireKey signing(long id, PrivateKey privateKey) {
    Algorithm a;
    if (privateKey instanceof EdECKey) {
      a = Algorithm.ED25519;
    } else if (privateKey instanceof ECKey) {
      a = Algorithm.ECDSA_P256;
    } else {
      throw new IllegalArgumentException("signing keys are Ed25519 or ECDSA P-256");
    }
    return new AsymmetricWireKey(id, a, privateKey);
  }

  /**
   * The key that this derived key ({@link #derivesPerTopic()}) yields for {@code topic}, for
   * provisioning a device that publishes only there. Secret material: the caller zeroes it when
   * done.
   *
   * @throws IllegalStateException if this key does not derive per topic
   */
  byte[] topicKey(String topic);
}

package io.mqttguard.envelope;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** An AEAD or HMAC key, possibly a master for per-topic keys. Thread-safe for reads. */
final class SymmetricWireKey implements WireKey {
  /** The HKDF info prefix (label, then a zero byte); see docs/payload-envelope.md §4. */
  static final byte[] DERIVE_LABEL =
      "mqtt-guard/v1 topic-key\0".getBytes(StandardCharsets.US_ASCII);

  private final long id;
  private final Algorithm algorithm;
  private final byte[] material;
  private final boolean derive;

  /** Takes ownership of {@code material}. */
  SymmetricWireKey(long id, Algorithm algorithm, byte[] material, boolean derive) {
    AsymmetricWireKey.checkId(id);
    int max =
        algorithm.kind() == Algorithm.Kind.MAC
            ? Algorithm.MAX_HMAC_KEY_LENGTH
            : Algorithm.SYMMETRIC_KEY_LENGTH;
    if (algorithm.kind() == Algorithm.Kind.SIGNATURE) {
      throw new IllegalArgumentException(algorithm.jsonName() + " keys are not symmetric");
    }
    if (material.length < Algorithm.SYMMETRIC_KEY_LENGTH || material.length > max) {
      int length = material.length;
      Arrays.fill(material, (byte) 0);
      String expected = max == Algorithm.SYMMETRIC_KEY_LENGTH ? "32" : "32.." + max;
      throw new IllegalArgumentException(
          "a " + algorithm.jsonName() + " key must be " + expected + " bytes, not " + length);
    }
    this.id = id;
    this.algorithm = algorithm;
    this.material = material;
    this.derive = derive;
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
    return derive;
  }

  @Override
  public void destroy() {
    Arrays.fill(material, (byte) 0);
  }

  @Override
  public byte[] topicKey(String topic) {
    if (!derive) {
      throw new IllegalStateException("key " + id + " does not derive per topic");
    }
    try {
      return derive(Mac.getInstance(Algorithm.HMAC_SHA256.jcaName), topic);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  /**
   * The JCA key for {@code topic} (derived if this key derives per topic, with {@code hkdfMac}, an
   * HmacSHA256). The spec holds a copy; derived intermediate bytes are zeroed.
   */
  SecretKeySpec keyFor(String topic, Mac hkdfMac) throws GeneralSecurityException {
    if (!derive) {
      return new SecretKeySpec(material, algorithm.keyAlgorithm);
    }
    byte[] derived = derive(hkdfMac, topic);
    try {
      return new SecretKeySpec(derived, algorithm.keyAlgorithm);
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  /** HKDF-SHA256(master, salt = empty, info = label ‖ u32be(id) ‖ topic UTF-8, L = 32). */
  private byte[] derive(Mac mac, String topic) throws GeneralSecurityException {
    byte[] t = topic.getBytes(StandardCharsets.UTF_8);
    byte[] info = new byte[DERIVE_LABEL.length + 4 + t.length];
    System.arraycopy(DERIVE_LABEL, 0, info, 0, DERIVE_LABEL.length);
    Bytes.putInt(info, DERIVE_LABEL.length, (int) id);
    System.arraycopy(t, 0, info, DERIVE_LABEL.length + 4, t.length);
    return Hkdf.derive(mac, material, new byte[0], info, Algorithm.SYMMETRIC_KEY_LENGTH);
  }

  @Override
  public String toString() {
    return "WireKey[" + id + " " + algorithm.jsonName() + (derive ? " derive=topic" : "") + "]";
  }
}

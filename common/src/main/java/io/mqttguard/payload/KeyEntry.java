package io.mqttguard.payload;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * One key of {@code keys.json}. Immutable apart from {@link Secret#destroy()}; {@link #toString()}
 * shows ID, algorithm and status only.
 *
 * @param material symmetric key or master key; {@code null} for signature keys and disabled keys
 * @param derivePerTopic whether the key used for a topic is derived from {@code material} by HKDF
 * @param publicKey signature keys only
 * @param ownerUsername signature keys: the username that may sign with it, if restricted
 * @param ownerClientId signature keys: the client ID that may sign with it, if restricted
 */
record KeyEntry(
    int id,
    Algorithm algorithm,
    KeyStatus status,
    @Nullable Secret material,
    boolean derivePerTopic,
    @Nullable PublicKey publicKey,
    @Nullable String ownerUsername,
    @Nullable String ownerClientId) {

  /** The HKDF info prefix; see docs/payload-envelope.md. */
  static final byte[] DERIVE_LABEL =
      "mqtt-guard/v1 topic-key\0".getBytes(StandardCharsets.US_ASCII);

  /**
   * A JCA key for {@code topic} (derived if the entry derives per topic). The spec holds a copy;
   * derived intermediate bytes are zeroed.
   *
   * @throws GeneralSecurityException if the entry has no symmetric material
   */
  SecretKeySpec keyFor(String topic) throws GeneralSecurityException {
    return keyFor(topic, Mac.getInstance(Algorithm.HMAC_SHA256.jcaName));
  }

  /** As above; {@code hkdfMac} (HmacSHA256) is used for the derivation. */
  SecretKeySpec keyFor(String topic, Mac hkdfMac) throws GeneralSecurityException {
    Secret m = material;
    if (m == null) {
      throw new GeneralSecurityException("no symmetric material");
    }
    if (!derivePerTopic) {
      return new SecretKeySpec(m.exposeForCrypto(), algorithm.keyAlgorithm);
    }
    byte[] derived = derive(hkdfMac, m.exposeForCrypto(), id, topic, algorithm.length);
    try {
      return new SecretKeySpec(derived, algorithm.keyAlgorithm);
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  /** HKDF-SHA256(master, salt = empty, info = label ‖ u32be(id) ‖ topic UTF-8). */
  static byte[] derive(byte[] master, int id, String topic, int length)
      throws GeneralSecurityException {
    return derive(Mac.getInstance(Algorithm.HMAC_SHA256.jcaName), master, id, topic, length);
  }

  private static byte[] derive(Mac mac, byte[] master, int id, String topic, int length)
      throws GeneralSecurityException {
    byte[] t = topic.getBytes(StandardCharsets.UTF_8);
    byte[] info = new byte[DERIVE_LABEL.length + 4 + t.length];
    System.arraycopy(DERIVE_LABEL, 0, info, 0, DERIVE_LABEL.length);
    Bytes.putInt(info, DERIVE_LABEL.length, id);
    System.arraycopy(t, 0, info, DERIVE_LABEL.length + 4, t.length);
    return Hkdf.derive(mac, master, new byte[0], info, length);
  }

  /** Whether {@code username}/{@code clientId} satisfy the owner restriction. */
  boolean ownedBy(@Nullable String username, String clientId) {
    return (ownerUsername == null || ownerUsername.equals(username))
        && (ownerClientId == null || ownerClientId.equals(clientId));
  }

  String idText() {
    return Integer.toUnsignedString(id);
  }

  @Override
  public String toString() {
    return "Key[" + idText() + " " + algorithm.jsonName + " " + status + "]";
  }
}

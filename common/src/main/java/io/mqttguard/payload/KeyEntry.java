package io.mqttguard.payload;

import io.mqttguard.envelope.Algorithm;
import io.mqttguard.envelope.WireKey;
import org.jspecify.annotations.Nullable;

/**
 * One key of {@code keys.json}. Immutable apart from {@link WireKey#destroy()}; {@link #toString()}
 * shows ID, algorithm and status only.
 *
 * @param wireKey the key of the wire-format library (symmetric material, a master with {@code
 *     derivePerTopic}, or a public key); {@code null} for disabled keys, whose material is not kept
 * @param derivePerTopic whether the key used for a topic is derived from the material by HKDF
 * @param ownerUsername signature keys: the username that may sign with it, if restricted
 * @param ownerClientId signature keys: the client ID that may sign with it, if restricted
 */
record KeyEntry(
    int id,
    Algorithm algorithm,
    KeyStatus status,
    @Nullable WireKey wireKey,
    boolean derivePerTopic,
    @Nullable String ownerUsername,
    @Nullable String ownerClientId) {

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
    return "Key[" + idText() + " " + algorithm.jsonName() + " " + status + "]";
  }
}

package io.mqttguard.payload;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.JsonConfigReader;
import io.mqttguard.envelope.Algorithm;
import io.mqttguard.envelope.WireKey;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The parsed {@code keys.json}: symmetric keys and per-identity public keys, by key ID. Immutable
 * and thread-safe, except that {@link #destroy()} zeroes all key material (call it on the keyset a
 * reload replaced, once no operation uses it any more; operations on a destroyed keyset fail
 * closed). {@link #toString()} lists IDs, algorithms and status, never material.
 */
public final class Keyset {
  /** Schema resource name. */
  public static final String SCHEMA = "keys-1.json";

  private final Map<Integer, KeyEntry> keys;

  Keyset(Map<Integer, KeyEntry> keys) {
    this.keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
  }

  /** A keyset without keys: every envelope is refused with {@code UNKNOWN_KEY}. */
  public static Keyset empty() {
    return new Keyset(Map.of());
  }

  /**
   * Loads {@code file} (schema {@code keys-1.json}, then semantic checks: unique IDs, key lengths,
   * base64, public keys, at most one primary per kind).
   *
   * @throws ConfigException listing every problem with file and JSON pointer (never key material)
   */
  public static Keyset load(Path file) throws ConfigException {
    var root = new JsonConfigReader().read(file, SCHEMA);
    return new KeysLoader(fileName(file)).load(root);
  }

  /** Parses {@code json} as the file named {@code fileName}; see {@link #load}. */
  public static Keyset parse(String fileName, byte[] json) throws ConfigException {
    var root = new JsonConfigReader().parse(fileName, json, SCHEMA);
    return new KeysLoader(fileName).load(root);
  }

  /** Number of keys (all statuses). */
  public int size() {
    return keys.size();
  }

  /**
   * Exports the key that key {@code keyId} (a master with {@code "derive": "topic"}) yields for
   * {@code topic}, for provisioning a device that publishes only there: the device's own {@code
   * keys.json} then holds this key under the same ID, without {@code derive}. This returns secret
   * material: the caller must protect it and zero the array when done.
   *
   * @throws IllegalArgumentException if the key does not exist, is disabled or does not derive
   */
  public byte[] exportTopicKey(long keyId, String topic) {
    KeyEntry k = keyId < 1 || keyId > 0xFFFFFFFFL ? null : keys.get((int) keyId);
    WireKey master = k == null ? null : k.wireKey();
    if (master == null || !master.derivesPerTopic()) {
      throw new IllegalArgumentException(
          "keyId must be an enabled key with derive=topic, but was " + keyId);
    }
    return master.topicKey(topic);
  }

  /**
   * The algorithm of key {@code keyId} as written in {@code keys.json} (e.g. {@code AES-256-GCM},
   * {@code HMAC-SHA256}, {@code ED25519}), whatever its status; {@code null} if there is no such
   * key. For choosing a key and explaining a wrong choice; never material.
   */
  public @Nullable String algorithm(long keyId) {
    KeyEntry k = keyId < 1 || keyId > 0xFFFFFFFFL ? null : keys.get((int) keyId);
    return k == null ? null : k.algorithm().jsonName();
  }

  /** Zeroes all key material. Idempotent. */
  public void destroy() {
    for (KeyEntry k : keys.values()) {
      WireKey w = k.wireKey();
      if (w != null) {
        w.destroy();
      }
    }
  }

  @Nullable KeyEntry key(int id) {
    return keys.get(id);
  }

  /** Every key, in file order. */
  java.util.Collection<KeyEntry> entries() {
    return keys.values();
  }

  /** The primary key of {@code kind}, or {@code null}. */
  @Nullable KeyEntry primary(Algorithm.Kind kind) {
    for (KeyEntry k : keys.values()) {
      if (k.status() == KeyStatus.PRIMARY && k.algorithm().kind() == kind) {
        return k;
      }
    }
    return null;
  }

  static String fileName(Path file) {
    Path name = file.getFileName();
    return name == null ? file.toString() : name.toString();
  }

  @Override
  public String toString() {
    return keys.values().stream()
        .map(KeyEntry::toString)
        .collect(Collectors.joining(", ", "Keyset[", "]"));
  }
}

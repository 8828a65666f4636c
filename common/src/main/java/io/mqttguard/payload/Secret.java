package io.mqttguard.payload;

import java.util.Arrays;

/**
 * Key material held in memory. Never printed ({@link #toString()} says only that it is redacted),
 * no value equality, zeroed by {@link #destroy()} when the owning keyset is replaced. Thread-safe
 * for reads; after {@code destroy()} the bytes are all zero and every operation using them fails
 * closed (tags no longer verify).
 */
final class Secret {
  private final byte[] bytes;

  private Secret(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Takes ownership of {@code bytes} (the caller must not keep or reuse the array). */
  static Secret adopt(byte[] bytes) {
    return new Secret(bytes);
  }

  /** Copies {@code bytes}. */
  static Secret copyOf(byte[] bytes) {
    return new Secret(bytes.clone());
  }

  int length() {
    return bytes.length;
  }

  /**
   * The live array, for handing to a JCA key spec (which copies it). Greppable access point:
   * callers must neither modify nor retain it.
   */
  byte[] exposeForCrypto() {
    return bytes;
  }

  /** Overwrites the material with zeros. Idempotent. */
  void destroy() {
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}

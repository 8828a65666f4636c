package io.mqttguard.guard;

/**
 * Told after a reload was applied, once every live session has been re-checked (revocations were
 * already reported to the {@link RevocationListener}). For adapters whose broker never re-checks
 * existing subscriptions (Moquette checks {@code canRead} only at SUBSCRIBE): re-check each live
 * client's subscriptions with {@link ClientSession#subscribe} and disconnect clients that lost one.
 *
 * <p>Called on the reload thread (or the caller of {@link Guard#reload()}), never concurrently with
 * itself; must be thread-safe and should not block. An exception is logged and ignored.
 */
@FunctionalInterface
public interface ReloadListener {
  /** {@code snapshot} is now in force. */
  void applied(ConfigSnapshot snapshot);

  /** A listener that does nothing. */
  static ReloadListener none() {
    return snapshot -> {};
  }
}

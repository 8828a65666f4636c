package io.mqttguard.payload;

import io.mqttguard.envelope.Algorithm;
import java.util.Arrays;

/**
 * The {@link KeyCounters.Counter}s of one keyset's AEAD keys, found by key ID with a binary search
 * over a sorted {@code int[]}: counting an accepted envelope allocates nothing. Immutable (the
 * counters are thread-safe).
 */
final class KeyUsageIndex {
  private final KeyCounters usage;
  private final int[] ids;
  private final KeyCounters.Counter[] counters;

  KeyUsageIndex(KeyCounters usage, Keyset keys) {
    this.usage = usage;
    this.ids =
        keys.entries().stream()
            .filter(k -> k.algorithm().kind() == Algorithm.Kind.AEAD)
            .mapToInt(KeyEntry::id)
            .sorted()
            .toArray();
    this.counters = new KeyCounters.Counter[ids.length];
    for (int i = 0; i < ids.length; i++) {
      counters[i] = usage.counter(ids[i]);
    }
  }

  /** Counts one envelope accepted under {@code keyId} (an unsigned key ID; others are ignored). */
  void accepted(long keyId) {
    int i = Arrays.binarySearch(ids, (int) keyId);
    if (i >= 0) {
      usage.increment(counters[i]);
    }
  }
}

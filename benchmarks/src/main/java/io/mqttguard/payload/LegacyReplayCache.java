package io.mqttguard.payload;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Baseline for {@link ReplayCacheBenchmark}: the replay cache as it was before the striped
 * primitive-array version (one lock, a {@code HashSet} of records and a {@code PriorityQueue} of
 * expiries, two objects per message). Same semantics. Benchmark code only.
 */
final class LegacyReplayCache {
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private record Seen(int keyId, long high, int low) {}

  private record Expiry(long atSecond, Seen seen) {}

  private final int capacity;
  private final long windowSeconds;
  private final Set<Seen> seen = new HashSet<>();
  private final PriorityQueue<Expiry> expiries =
      new PriorityQueue<>((a, b) -> Long.compare(a.atSecond(), b.atSecond()));

  LegacyReplayCache(int capacity, long windowSeconds) {
    this.capacity = capacity;
    this.windowSeconds = windowSeconds;
  }

  synchronized @Nullable RefusalReason firstSeen(
      int keyId, byte[] src, int offset, long timestamp, long nowSeconds) {
    while (!expiries.isEmpty() && expiries.peek().atSecond() < nowSeconds) {
      seen.remove(expiries.poll().seen());
    }
    Seen s = new Seen(keyId, (long) LONG_BE.get(src, offset), (int) INT_BE.get(src, offset + 8));
    if (seen.contains(s)) {
      return RefusalReason.REPLAYED;
    }
    if (seen.size() >= capacity) {
      return RefusalReason.REPLAY_CACHE_FULL;
    }
    seen.add(s);
    expiries.add(new Expiry(timestamp + windowSeconds, s));
    return null;
  }
}

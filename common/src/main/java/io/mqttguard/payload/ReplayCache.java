package io.mqttguard.payload;

import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Remembers (key ID, 96-bit nonce or tag prefix) pairs of accepted messages until their timestamp
 * leaves the replay window. Bounded: when full of live entries it refuses new ones ({@link
 * RefusalReason#REPLAY_CACHE_FULL}) rather than forgetting live ones (fail closed). Thread-safe
 * (one lock; only authentic messages reach it).
 */
final class ReplayCache {
  private record Seen(int keyId, long high, int low) {}

  private record Expiry(long atSecond, Seen seen) {}

  private final int capacity;
  private final long windowSeconds;
  private final Set<Seen> seen = new HashSet<>();
  private final PriorityQueue<Expiry> expiries =
      new PriorityQueue<>((a, b) -> Long.compare(a.atSecond(), b.atSecond()));

  ReplayCache(int capacity, long windowSeconds) {
    this.capacity = capacity;
    this.windowSeconds = windowSeconds;
  }

  /**
   * Records the 12 bytes at {@code offset} of {@code src} for {@code keyId}.
   *
   * @param timestamp the message's timestamp (already checked to be inside the window)
   * @return {@code null} if first seen, else {@code REPLAYED} or {@code REPLAY_CACHE_FULL}
   */
  synchronized @Nullable RefusalReason firstSeen(
      int keyId, byte[] src, int offset, long timestamp, long nowSeconds) {
    while (!expiries.isEmpty() && expiries.peek().atSecond() < nowSeconds) {
      seen.remove(expiries.poll().seen());
    }
    Seen s = new Seen(keyId, Bytes.getLong(src, offset), Bytes.getInt(src, offset + 8));
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

  synchronized int size() {
    return seen.size();
  }
}

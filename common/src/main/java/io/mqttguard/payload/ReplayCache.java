package io.mqttguard.payload;

import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/**
 * Remembers (key ID, 96-bit nonce or tag prefix) pairs of accepted messages until their timestamp +
 * window has passed: an entry with expiry second {@code e} is live while {@code now <= e}. Bounded:
 * when a stripe is full of live entries it refuses new ones ({@link
 * RefusalReason#REPLAY_CACHE_FULL}) rather than forgetting live ones (fail closed).
 *
 * <p>Layout: {@code N} lock stripes chosen by a keyed hash (a random seed per cache, so publishers
 * cannot aim at one stripe), each an open-addressing table of primitive arrays ({@link
 * ReplayTable}: 20 bytes per slot, at most 75 % full, ~27 bytes per entry at capacity), grown on
 * demand up to its share of the capacity. Each stripe holds {@code ceil(capacity / N)} entries plus
 * 2 % headroom when {@code N > 1}, so the cache holds at least {@code capacity} entries for
 * uniformly spread nonces and at most 1.02 × {@code capacity}; below 65,536 entries there is one
 * stripe and the capacity is exact. Steady-state calls allocate nothing. Thread-safe: calls on
 * different stripes do not contend.
 */
final class ReplayCache {
  private static final int MAX_STRIPES = 64;
  private static final int MIN_ENTRIES_PER_STRIPE = 32_768;

  private final ReplayTable[] stripes;
  private final long windowSeconds;
  private final long seed;
  private final int capacity;

  ReplayCache(int capacity, long windowSeconds) {
    this(capacity, windowSeconds, stripesFor(capacity), new SecureRandom().nextLong());
  }

  /** For tests: an explicit stripe count (a power of two) and hash seed. */
  ReplayCache(int capacity, long windowSeconds, int stripeCount, long seed) {
    if (capacity < 1
        || capacity > (1 << 28)
        || windowSeconds < 0
        || Integer.bitCount(stripeCount) != 1) {
      throw new IllegalArgumentException("invalid replay cache settings");
    }
    this.capacity = capacity;
    this.windowSeconds = windowSeconds;
    this.seed = seed;
    this.stripes = new ReplayTable[stripeCount];
    int perStripe = (int) ((capacity + (long) stripeCount - 1) / stripeCount);
    if (stripeCount > 1) {
      perStripe += (perStripe + 49) / 50;
    }
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new ReplayTable(perStripe, seed);
    }
  }

  static int stripesFor(int capacity) {
    int n = Math.max(1, capacity / MIN_ENTRIES_PER_STRIPE);
    return Math.min(MAX_STRIPES, Integer.highestOneBit(n));
  }

  /**
   * Records the 12 bytes at {@code offset} of {@code src} for {@code keyId}.
   *
   * @param timestamp the message's timestamp (already checked to be inside the window)
   * @return {@code null} if first seen (or its earlier copy has expired), else {@code REPLAYED} or
   *     {@code REPLAY_CACHE_FULL}
   */
  @Nullable RefusalReason firstSeen(
      int keyId, byte[] src, int offset, long timestamp, long nowSeconds) {
    long a = ((long) keyId << 32) | (Bytes.getInt(src, offset + 8) & 0xFFFF_FFFFL);
    long b = Bytes.getLong(src, offset);
    long h = ReplayTable.hash(a, b, seed);
    ReplayTable t = stripes[(int) (h >>> 58) & (stripes.length - 1)];
    synchronized (t) {
      return t.firstSeen(a, b, h, timestamp + windowSeconds, nowSeconds);
    }
  }

  /** Live entries as of the latest time any call passed in (O(slots): tests and metrics only). */
  int size() {
    long now = Long.MIN_VALUE;
    for (ReplayTable t : stripes) {
      synchronized (t) {
        now = Math.max(now, t.latestNow());
      }
    }
    int n = 0;
    for (ReplayTable t : stripes) {
      synchronized (t) {
        n += t.live(now);
      }
    }
    return n;
  }

  /** Slots allocated over all stripes (20 bytes each). */
  long slots() {
    long n = 0;
    for (ReplayTable t : stripes) {
      synchronized (t) {
        n += t.slots();
      }
    }
    return n;
  }

  int stripeCount() {
    return stripes.length;
  }

  int capacity() {
    return capacity;
  }
}

package io.mqttguard.payload;

import org.jspecify.annotations.Nullable;

/**
 * One stripe of the {@link ReplayCache}: a linear-probing hash table of 128-bit entries in
 * primitive arrays (two longs per entry, an int expiry second, one occupancy bit: 20.125 bytes per
 * slot). Expired entries are reclaimed in place (backward-shift deletion, no tombstones) by a sweep
 * that runs at most once per second and only when the table needs room; the table grows by doubling
 * up to {@code ceil(capacity × 4/3)} slots. A live entry is never removed: when {@code capacity}
 * live entries are held, new ones are refused. Expiry seconds are stored modulo 2³² and compared
 * with wrap-around arithmetic (exact while entries are younger than 68 years). Not thread-safe: the
 * cache locks each stripe.
 */
final class ReplayTable {
  private static final int INITIAL_SLOTS = 256;

  private final int capacity;
  private final int maxSlots;
  private final long seed;
  private long[] keys;
  private int[] expiries;
  private long[] used;
  private int slots;
  private int occupied;
  private long lastSweep = Long.MIN_VALUE;
  private long latestNow = Long.MIN_VALUE;

  ReplayTable(int capacity, long seed) {
    this.capacity = capacity;
    this.maxSlots = (int) Math.max(capacity + 1L, (capacity * 4L + 2) / 3);
    this.seed = seed;
    allocate(Math.min(maxSlots, INITIAL_SLOTS));
  }

  static long hash(long a, long b, long seed) {
    long h = (a ^ seed) * 0x9E37_79B9_7F4A_7C15L + Long.rotateLeft(b, 31) * 0xC2B2_AE3D_27D4_EB4FL;
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    h *= 0xC4CE_B9FE_1A85_EC53L;
    return h ^ (h >>> 33);
  }

  /** See {@link ReplayCache#firstSeen}; {@code h} is {@link #hash} of the entry. */
  @Nullable RefusalReason firstSeen(long a, long b, long h, long expiry, long now) {
    latestNow = Math.max(latestNow, now);
    int i = find(a, b, h);
    if (isUsed(i)) {
      if (isLive(expiries[i], now)) {
        return RefusalReason.REPLAYED;
      }
      expiries[i] = (int) expiry; // the earlier copy expired: this is a new message
      return null;
    }
    if (occupied >= threshold()) {
      if (now > lastSweep) {
        sweep(now);
      }
      if (occupied >= capacity) {
        return RefusalReason.REPLAY_CACHE_FULL;
      }
      if (occupied >= threshold() || (slots < maxSlots && occupied >= slots / 2)) {
        grow(now);
      }
      i = find(a, b, h);
    }
    put(i, a, b, (int) expiry);
    return null;
  }

  /** The latest {@code now} passed to {@link #firstSeen}. */
  long latestNow() {
    return latestNow;
  }

  /** Entries live at {@code now} (O(slots)). */
  int live(long now) {
    int n = 0;
    for (int i = 0; i < slots; i++) {
      if (isUsed(i) && isLive(expiries[i], now)) {
        n++;
      }
    }
    return n;
  }

  int slots() {
    return slots;
  }

  private int threshold() {
    return slots == maxSlots ? capacity : slots / 4 * 3;
  }

  private static boolean isLive(int expiry, long now) {
    return expiry - (int) now >= 0;
  }

  private int home(long h) {
    return (int) (((h & 0xFFFF_FFFFL) * slots) >>> 32);
  }

  /** The slot holding (a, b), else the empty slot where it would go. */
  private int find(long a, long b, long h) {
    int i = home(h);
    while (isUsed(i) && (keys[2 * i] != a || keys[2 * i + 1] != b)) {
      i = next(i);
    }
    return i;
  }

  private int next(int i) {
    return i + 1 == slots ? 0 : i + 1;
  }

  private boolean isUsed(int i) {
    return (used[i >>> 6] & (1L << i)) != 0;
  }

  private void put(int i, long a, long b, int expiry) {
    keys[2 * i] = a;
    keys[2 * i + 1] = b;
    expiries[i] = expiry;
    used[i >>> 6] |= 1L << i;
    occupied++;
  }

  private void allocate(int n) {
    slots = n;
    keys = new long[2 * n];
    expiries = new int[n];
    used = new long[(n + 63) >>> 6];
    occupied = 0;
  }

  private void grow(long now) {
    long[] oldKeys = keys;
    int[] oldExpiries = expiries;
    long[] oldUsed = used;
    int oldSlots = slots;
    allocate((int) Math.min(maxSlots, 2L * oldSlots));
    for (int j = 0; j < oldSlots; j++) {
      if ((oldUsed[j >>> 6] & (1L << j)) != 0 && isLive(oldExpiries[j], now)) {
        long a = oldKeys[2 * j];
        long b = oldKeys[2 * j + 1];
        put(find(a, b, hash(a, b, seed)), a, b, oldExpiries[j]);
      }
    }
  }

  /**
   * Removes every expired entry in place. Starts after an empty slot (one always exists), so
   * entries shifted back into a hole always come from slots the sweep has not visited yet.
   */
  private void sweep(long now) {
    lastSweep = now;
    int start = 0;
    while (isUsed(start)) {
      start++;
    }
    int i = start;
    for (int k = 0; k < slots; k++) {
      i = next(i);
      while (isUsed(i) && !isLive(expiries[i], now)) {
        delete(i);
      }
    }
  }

  /** Backward-shift deletion: moves later members of the cluster into the hole at {@code hole}. */
  private void delete(int hole) {
    occupied--;
    int j = hole;
    while (true) {
      j = next(j);
      if (!isUsed(j)) {
        break;
      }
      int home = home(hash(keys[2 * j], keys[2 * j + 1], seed));
      if (distance(home, j) >= distance(hole, j)) {
        keys[2 * hole] = keys[2 * j];
        keys[2 * hole + 1] = keys[2 * j + 1];
        expiries[hole] = expiries[j];
        hole = j;
      }
    }
    used[hole >>> 6] &= ~(1L << hole);
  }

  private int distance(int from, int to) {
    return to >= from ? to - from : to + slots - from;
  }
}

package io.mqttguard.payload;

import org.jspecify.annotations.Nullable;

/**
 * One stripe of the {@link ReplayCache}: a linear-probing hash table of 96-bit entries. A probe
 * reads only a control array of one byte per slot (0: empty, else an 8-bit fingerprint of the
 * entry's hash; 64 slots per cache line); an entry's slot, two adjacent {@code long}s of one array
 * (the expiry second and the low 32 identity bits, then the high 64), is read only when its
 * fingerprint matches, so a new entry costs one line of control bytes and one write (17 bytes per
 * slot, at most 75 % full: ~22.7 bytes per entry at capacity). Expired entries are reclaimed in
 * place (backward-shift deletion, no tombstones) by a sweep that runs at most once per second and
 * only when the table needs room; the table grows by doubling up to {@code ceil(capacity × 4/3)}
 * slots. A live entry is never removed: when {@code capacity} live entries are held, new ones are
 * refused. Expiry seconds are stored modulo 2³² and compared with wrap-around arithmetic (exact
 * while entries are younger than 68 years). Not thread-safe: the cache locks each stripe.
 */
final class ReplayTable {
  private static final int INITIAL_SLOTS = 256;
  private static final long LOW = 0xFFFF_FFFFL;

  private final int capacity;
  private final int maxSlots;
  private final long seed;
  private byte[] control;
  private long[] words;
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

  /**
   * See {@link ReplayCache#firstSeen}: the entry is ({@code low}, {@code high}), {@code h} its
   * {@link #hash} with this table's seed.
   */
  @Nullable RefusalReason firstSeen(int low, long high, long h, long expiry, long now) {
    latestNow = Math.max(latestNow, now);
    byte fp = fingerprint(h);
    int i = find(low, high, h, fp);
    if (isUsed(i)) {
      if (isLive(expiryAt(i), now)) {
        return RefusalReason.REPLAYED;
      }
      words[2 * i] = word0(low, (int) expiry); // the earlier copy expired: this is a new message
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
      i = find(low, high, h, fp);
    }
    put(i, fp, word0(low, (int) expiry), high);
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
      if (isUsed(i) && isLive(expiryAt(i), now)) {
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

  /** 1..255 from hash bits that choose neither the stripe nor the home slot. */
  private static byte fingerprint(long h) {
    int f = (int) (h >>> 40) & 0xFF;
    return (byte) (f == 0 ? 1 : f);
  }

  private static long word0(int low, int expiry) {
    return ((long) expiry << 32) | (low & LOW);
  }

  /** The low 32 identity bits of a slot's first word. */
  private static int lowOf(long word0) {
    return (int) word0;
  }

  private int expiryAt(int i) {
    return (int) (words[2 * i] >>> 32);
  }

  private int home(long h) {
    return (int) (((h & LOW) * slots) >>> 32);
  }

  /** The slot holding ({@code low}, {@code high}), else the empty slot where it would go. */
  private int find(int low, long high, long h, byte fp) {
    byte[] c = control;
    int i = home(h);
    while (true) {
      byte f = c[i];
      if (f == 0 || (f == fp && lowOf(words[2 * i]) == low && words[2 * i + 1] == high)) {
        return i;
      }
      i = next(i);
    }
  }

  private int next(int i) {
    return i + 1 == slots ? 0 : i + 1;
  }

  private boolean isUsed(int i) {
    return control[i] != 0;
  }

  private void put(int i, byte fp, long word0, long high) {
    control[i] = fp;
    words[2 * i] = word0;
    words[2 * i + 1] = high;
    occupied++;
  }

  private void allocate(int n) {
    slots = n;
    control = new byte[n];
    words = new long[2 * n];
    occupied = 0;
  }

  private void grow(long now) {
    byte[] oldControl = control;
    long[] old = words;
    int oldSlots = slots;
    allocate((int) Math.min(maxSlots, 2L * oldSlots));
    for (int j = 0; j < oldSlots; j++) {
      long w0 = old[2 * j];
      if (oldControl[j] != 0 && isLive((int) (w0 >>> 32), now)) {
        int low = lowOf(w0);
        long high = old[2 * j + 1];
        long h = hash(low, high, seed);
        put(find(low, high, h, oldControl[j]), oldControl[j], w0, high);
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
      while (isUsed(i) && !isLive(expiryAt(i), now)) {
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
      int home = home(hash(lowOf(words[2 * j]), words[2 * j + 1], seed));
      if (distance(home, j) >= distance(hole, j)) {
        control[hole] = control[j];
        words[2 * hole] = words[2 * j];
        words[2 * hole + 1] = words[2 * j + 1];
        hole = j;
      }
    }
    control[hole] = 0;
  }

  private int distance(int from, int to) {
    return to >= from ? to - from : to + slots - from;
  }
}

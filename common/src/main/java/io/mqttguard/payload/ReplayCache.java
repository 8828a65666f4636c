package io.mqttguard.payload;

import io.mqttguard.identity.ClientIdentity;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/**
 * Remembers (key ID, discriminator, 96-bit nonce or tag prefix) of accepted messages until their
 * timestamp + window has passed: an entry with expiry second {@code e} is live while {@code now <=
 * e}. The discriminator tells the actual keys of one key ID apart: for a key derived per topic it
 * is a keyed 64-bit hash of the topic ({@link #discriminator}, the cache's random seed), else 0. An
 * entry is 96 bits: the nonce's last 4 bytes, and its first 8 bytes XOR the discriminator XOR a
 * keyed hash of the key ID. The same message under the same actual key always gives the same entry
 * (a replay is always found); the same nonce under two different actual keys gives the same entry
 * only with probability 2⁻⁶⁴, and such a collision refuses a message, it never accepts a replay.
 * Bounded: when a stripe is full of live entries it refuses new ones ({@link
 * RefusalReason#REPLAY_CACHE_FULL}) rather than forgetting live ones (fail closed); each publisher
 * holds at most its share of live entries ({@link PublisherShares}, {@link
 * RefusalReason#REPLAY_QUOTA_EXCEEDED}).
 *
 * <p>Layout: {@code N} lock stripes chosen by a keyed hash (a random seed per cache, so publishers
 * cannot aim at one stripe), each an open-addressing table with a fingerprint byte per slot ({@link
 * ReplayTable}: 17 bytes per slot, at most 75 % full, ~23 bytes per entry at capacity), grown on
 * demand up to its share of the capacity. Each stripe holds {@code ceil(capacity / N)} entries plus
 * 2 % headroom when {@code N > 1}, so the cache holds at least {@code capacity} entries for
 * uniformly spread nonces and at most 1.02 × {@code capacity}; below 65,536 entries there is one
 * stripe and the capacity is exact. Steady-state calls allocate nothing. Thread-safe: calls on
 * different stripes do not contend.
 */
final class ReplayCache {
  /** Big-endian views of the nonce bytes (no copy, no allocation). */
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final int MAX_STRIPES = 64;
  private static final int MIN_ENTRIES_PER_STRIPE = 32_768;

  private final ReplayTable[] stripes;
  private final long windowSeconds;
  private final long seed;
  private final int capacity;
  private final PublisherShares shares;

  /** A cache whose publishers may each hold all of it (tests and benchmarks). */
  ReplayCache(int capacity, long windowSeconds) {
    this(capacity, windowSeconds, capacity);
  }

  /** A cache in which each publisher holds at most {@code perPublisher} live entries. */
  ReplayCache(int capacity, long windowSeconds, int perPublisher) {
    this(
        capacity,
        windowSeconds,
        stripesFor(capacity),
        new SecureRandom().nextLong(),
        new PublisherShares(perPublisher, windowSeconds, PublisherShares.DEFAULT_MAX_PUBLISHERS));
  }

  /** For tests: an explicit stripe count (a power of two) and hash seed. */
  ReplayCache(int capacity, long windowSeconds, int stripeCount, long seed) {
    this(
        capacity,
        windowSeconds,
        stripeCount,
        seed,
        new PublisherShares(
            Math.max(1, capacity), windowSeconds, PublisherShares.DEFAULT_MAX_PUBLISHERS));
  }

  /** For tests: explicit stripes, seed and publisher shares. */
  ReplayCache(
      int capacity, long windowSeconds, int stripeCount, long seed, PublisherShares shares) {
    if (capacity < 1
        || capacity > (1 << 28)
        || windowSeconds < 0
        || Integer.bitCount(stripeCount) != 1) {
      throw new IllegalArgumentException("invalid replay cache settings");
    }
    this.capacity = capacity;
    this.windowSeconds = windowSeconds;
    this.seed = seed;
    this.shares = shares;
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
   * The discriminator of the actual key {@code k} uses on {@code topic}: a keyed hash of the topic
   * if {@code k} derives a key per topic, else 0. Allocates nothing.
   */
  long discriminator(KeyEntry k, String topic) {
    return k.derivePerTopic() ? topicHash(topic) : 0L;
  }

  /** A 64-bit hash of {@code topic} keyed with this cache's seed (4 UTF-16 units per round). */
  long topicHash(String topic) {
    int n = topic.length();
    long h = ReplayTable.hash(n, 0x243F_6A88_85A3_08D3L, seed);
    for (int i = 0; i < n; i += 4) {
      long chunk = 0;
      for (int j = i; j < Math.min(n, i + 4); j++) {
        chunk = (chunk << 16) | topic.charAt(j);
      }
      h = ReplayTable.hash(h, chunk, seed);
    }
    return h;
  }

  /**
   * Records the nonce at {@code offset} of {@code src} under the actual key ({@code keyId}, {@code
   * discriminator}) within {@code publisher}'s share.
   *
   * @param discriminator {@link #discriminator} of the key and topic
   * @param publisher whose share the entry counts against
   * @param timestamp the message's timestamp (already checked to be inside the window)
   * @return {@code null} if first seen (or its earlier copy has expired), else {@code
   *     REPLAY_QUOTA_EXCEEDED}, {@code REPLAYED} or {@code REPLAY_CACHE_FULL}
   */
  @Nullable RefusalReason firstSeen(
      int keyId,
      long discriminator,
      ClientIdentity publisher,
      byte[] src,
      int offset,
      long timestamp,
      long nowSeconds) {
    long expiry = timestamp + windowSeconds;
    RefusalReason quota = shares.reserve(publisher, expiry, nowSeconds);
    if (quota != null) {
      return quota;
    }
    RefusalReason r = remember(keyId, discriminator, src, offset, timestamp, nowSeconds);
    if (r != null) {
      shares.release(publisher, expiry);
    }
    return r;
  }

  /** {@link #firstSeen} of a key that is not derived, outside any publisher's share (tests). */
  @Nullable RefusalReason firstSeen(
      int keyId, byte[] src, int offset, long timestamp, long nowSeconds) {
    return remember(keyId, 0L, src, offset, timestamp, nowSeconds);
  }

  /**
   * Records the 12 bytes at {@code offset} of {@code src} for ({@code keyId}, {@code
   * discriminator}).
   *
   * @param timestamp the message's timestamp (already checked to be inside the window)
   * @return {@code null} if first seen (or its earlier copy has expired), else {@code REPLAYED} or
   *     {@code REPLAY_CACHE_FULL}
   */
  private @Nullable RefusalReason remember(
      int keyId, long discriminator, byte[] src, int offset, long timestamp, long nowSeconds) {
    int low = (int) INT_BE.get(src, offset + 8);
    long high = (long) LONG_BE.get(src, offset) ^ discriminator ^ keyHash(keyId);
    long h = ReplayTable.hash(low, high, seed);
    ReplayTable t = stripes[(int) (h >>> 58) & (stripes.length - 1)];
    synchronized (t) {
      return t.firstSeen(low, high, h, timestamp + windowSeconds, nowSeconds);
    }
  }

  /** A keyed 64-bit hash of the key ID, folded into the entry (distinct per key ID). */
  private long keyHash(int keyId) {
    return ReplayTable.hash(keyId, 0x1319_8A2E_0370_7344L, seed);
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

  /** Slots allocated over all stripes (17 bytes each). */
  long slots() {
    long n = 0;
    for (ReplayTable t : stripes) {
      synchronized (t) {
        n += t.slots();
      }
    }
    return n;
  }

  PublisherShares shares() {
    return shares;
  }

  int stripeCount() {
    return stripes.length;
  }

  int capacity() {
    return capacity;
  }
}

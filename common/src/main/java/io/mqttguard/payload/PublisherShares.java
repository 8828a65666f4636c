package io.mqttguard.payload;

import io.mqttguard.identity.ClientIdentity;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;

/**
 * Each publisher's share of the live {@link ReplayCache} entries, so that one key holder cannot
 * fill the cache and block every other publisher ({@link RefusalReason#REPLAY_QUOTA_EXCEEDED}).
 *
 * <p>A publisher is its authenticated username when it has one (rotating client IDs does not give
 * an authenticated attacker a fresh share), else its client ID. Each publisher's entries are
 * counted in {@value #BUCKETS} buckets by expiry second (bucket width {@code ceil(2 × window / 14)}
 * seconds, at least 1): an entry counts until the end of its bucket, so a publisher regains its
 * share at most one bucket width after its entries expired (never before). Bounded memory: at most
 * {@code maxPublishers} publishers are tracked (~200 bytes each); publishers without live entries
 * are reclaimed at most once per second when the table is full, and while it is full of publishers
 * with live entries a new publisher is refused with {@link RefusalReason#REPLAY_CACHE_FULL} (fail
 * closed). Thread-safe and lock-free: the maps are concurrent, each publisher's count is a ring of
 * atomically updated cells; a reservation allocates nothing for a publisher already tracked.
 */
final class PublisherShares {
  /** Publishers tracked at most by default. */
  static final int DEFAULT_MAX_PUBLISHERS = 65_536;

  static final int BUCKETS = 16;
  private static final int RETRIES = 4;

  private final int limit;
  private final int maxPublishers;
  private final long bucketSeconds;
  private final Map<String, Share> byUsername = new ConcurrentHashMap<>();
  private final Map<String, Share> byClientId = new ConcurrentHashMap<>();
  private final AtomicInteger tracked = new AtomicInteger();
  private final AtomicLong lastReclaim = new AtomicLong(Long.MIN_VALUE);
  private final AtomicBoolean reclaiming = new AtomicBoolean();

  /**
   * @param limit live entries one publisher may hold (at least 1)
   * @param windowSeconds the replay window: entries expire within {@code 2 × window} of their
   *     arrival
   * @param maxPublishers publishers tracked at most (at least 1)
   */
  PublisherShares(int limit, long windowSeconds, int maxPublishers) {
    if (limit < 1 || maxPublishers < 1 || windowSeconds < 0) {
      throw new IllegalArgumentException("invalid publisher share settings");
    }
    this.limit = limit;
    this.maxPublishers = maxPublishers;
    this.bucketSeconds = Math.max(1, (2 * windowSeconds + BUCKETS - 3) / (BUCKETS - 2));
  }

  int limit() {
    return limit;
  }

  /**
   * Reserves one entry expiring at second {@code expiry} (at most {@code 2 × window} after {@code
   * now}) for {@code publisher}.
   *
   * @return {@code null} if reserved (then {@link #release} it if the entry is not stored), {@code
   *     REPLAY_QUOTA_EXCEEDED} if the publisher holds its share, {@code REPLAY_CACHE_FULL} if the
   *     publisher is new and the table is full
   */
  @Nullable RefusalReason reserve(ClientIdentity publisher, long expiry, long now) {
    long bucket = Math.floorDiv(expiry, bucketSeconds);
    long nowBucket = Math.floorDiv(now, bucketSeconds);
    for (int attempt = 0; attempt < RETRIES; attempt++) {
      Share s = share(publisher, now, nowBucket);
      if (s == null) {
        return RefusalReason.REPLAY_CACHE_FULL;
      }
      int outcome = s.tryAdd(bucket, nowBucket, limit);
      if (outcome != Share.RETIRED) {
        return outcome == Share.ADDED ? null : RefusalReason.REPLAY_QUOTA_EXCEEDED;
      }
    }
    return RefusalReason.REPLAY_CACHE_FULL; // reclaimed under us repeatedly: fail closed
  }

  /** Undoes a successful {@link #reserve} of the same publisher and expiry. */
  void release(ClientIdentity publisher, long expiry) {
    Share s = map(publisher).get(key(publisher));
    if (s != null) {
      s.remove(Math.floorDiv(expiry, bucketSeconds));
    }
  }

  /** Live entries of {@code publisher} at {@code now} (tests and metrics). */
  int live(ClientIdentity publisher, long now) {
    Share s = map(publisher).get(key(publisher));
    return s == null ? 0 : s.live(Math.floorDiv(now, bucketSeconds));
  }

  /** Publishers currently tracked. */
  int tracked() {
    return tracked.get();
  }

  private @Nullable Share share(ClientIdentity publisher, long now, long nowBucket) {
    Map<String, Share> map = map(publisher);
    String key = key(publisher);
    Share s = map.get(key);
    if (s != null) {
      return s;
    }
    if (tracked.incrementAndGet() > maxPublishers) {
      tracked.decrementAndGet();
      reclaim(now, nowBucket);
      if (tracked.incrementAndGet() > maxPublishers) {
        tracked.decrementAndGet();
        return null;
      }
    }
    Share created = new Share(nowBucket);
    Share raced = map.putIfAbsent(key, created);
    if (raced != null) {
      tracked.decrementAndGet();
      return raced;
    }
    return created;
  }

  /** Drops publishers without live entries; at most once per second. */
  private void reclaim(long now, long nowBucket) {
    long last = lastReclaim.get();
    if (now <= last
        || !lastReclaim.compareAndSet(last, now)
        || !reclaiming.compareAndSet(false, true)) {
      return;
    }
    try {
      for (Map<String, Share> map : java.util.List.of(byUsername, byClientId)) {
        map.forEach(
            (key, share) -> {
              if (share.retireIfIdle(nowBucket) && map.remove(key, share)) {
                tracked.decrementAndGet();
              }
            });
      }
    } finally {
      reclaiming.set(false);
    }
  }

  private Map<String, Share> map(ClientIdentity publisher) {
    return publisher.username() != null ? byUsername : byClientId;
  }

  private static String key(ClientIdentity publisher) {
    String username = publisher.username();
    return username != null ? username : publisher.clientId();
  }

  /**
   * One publisher's live entries by expiry bucket: a ring of {@value #BUCKETS} cells, each one
   * {@code long} packing the bucket (relative to the share's first bucket, high 32 bits) and its
   * count (low 32 bits), updated by compare-and-set. Lock-free: the publishers of one username
   * (devices of a fleet, a broker's parallel extension threads) do not queue on a monitor. An add
   * is optimistic: it counts its entry, then reads the live total and takes the entry back if the
   * total exceeds the limit, so concurrent adds never hold more than the limit together (at the
   * limit, a race may refuse an entry that a serial order would have admitted: fail closed).
   * Retiring is the same handshake in reverse: the reclaimer marks the share retired, then re-reads
   * the total and un-marks it if an add slipped in; an add that sees the mark takes its entry back.
   */
  private static final class Share {
    static final int ADDED = 0;
    static final int FULL = 1;
    static final int RETIRED = 2;
    private static final long COUNT_MASK = 0xFFFF_FFFFL;
    private static final long EMPTY = (long) Integer.MIN_VALUE << 32;

    private final long base;
    private final AtomicLongArray cells = new AtomicLongArray(BUCKETS);
    private volatile boolean retired;

    /** A share whose buckets are counted from {@code base} (the bucket of its creation). */
    Share(long base) {
      this.base = base;
      for (int i = 0; i < BUCKETS; i++) {
        cells.set(i, EMPTY);
      }
    }

    int tryAdd(long bucket, long nowBucket, int limit) {
      int now = relative(nowBucket);
      if (retired) {
        return RETIRED;
      }
      if (live(now) >= limit) {
        return FULL; // the common refusal writes nothing
      }
      int slot = slot(bucket);
      add(slot, relative(bucket), now);
      if (retired) {
        takeBack(slot);
        return RETIRED;
      }
      if (live(now) > limit) {
        takeBack(slot);
        return FULL;
      }
      return ADDED;
    }

    /** Counts one entry of bucket {@code b} in {@code slot}, reusing the cell if it expired. */
    private void add(int slot, int b, int now) {
      while (true) {
        long cur = cells.get(slot);
        int id = (int) (cur >> 32);
        long next = id < now ? pack(b, 1) : pack(Math.max(id, b), (cur & COUNT_MASK) + 1);
        if (cells.compareAndSet(slot, cur, next)) {
          return;
        }
      }
    }

    void remove(long bucket) {
      takeBack(slot(bucket));
    }

    /** Uncounts one entry of {@code slot} (never below zero). */
    private void takeBack(int slot) {
      while (true) {
        long cur = cells.get(slot);
        if ((cur & COUNT_MASK) == 0 || cells.compareAndSet(slot, cur, cur - 1)) {
          return;
        }
      }
    }

    int live(long nowBucket) {
      return live(relative(nowBucket));
    }

    private int live(int now) {
      long n = 0;
      for (int i = 0; i < BUCKETS; i++) {
        long cell = cells.get(i);
        if ((int) (cell >> 32) >= now) {
          n += cell & COUNT_MASK;
        }
      }
      return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /** Retires the share if it holds no live entry (one reclaimer at a time). */
    boolean retireIfIdle(long nowBucket) {
      retired = true;
      if (live(relative(nowBucket)) == 0) {
        return true;
      }
      retired = false;
      return false;
    }

    /** {@code bucket - base}, clamped to the int range (a clock 68 years off stays in range). */
    private int relative(long bucket) {
      long r = bucket - base;
      return (int) Math.max(Integer.MIN_VALUE + 1L, Math.min(Integer.MAX_VALUE, r));
    }

    private static int slot(long bucket) {
      return (int) Math.floorMod(bucket, (long) BUCKETS);
    }

    private static long pack(int id, long count) {
      return ((long) id << 32) | count;
    }
  }
}

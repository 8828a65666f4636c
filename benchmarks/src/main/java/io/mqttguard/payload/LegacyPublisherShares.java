package io.mqttguard.payload;

import io.mqttguard.identity.ClientIdentity;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The {@link PublisherShares} before it became lock-free (one monitor per publisher), kept as the
 * baseline of {@link ReplayShareBenchmark}. Not used by the product.
 */
final class LegacyPublisherShares {
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

  /**
   * @param limit live entries one publisher may hold (at least 1)
   * @param windowSeconds the replay window: entries expire within {@code 2 × window} of their
   *     arrival
   * @param maxPublishers publishers tracked at most (at least 1)
   */
  LegacyPublisherShares(int limit, long windowSeconds, int maxPublishers) {
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
    Share created = new Share();
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
    if (now <= last || !lastReclaim.compareAndSet(last, now)) {
      return;
    }
    for (Map<String, Share> map : java.util.List.of(byUsername, byClientId)) {
      map.forEach(
          (key, share) -> {
            if (share.retireIfIdle(nowBucket) && map.remove(key, share)) {
              tracked.decrementAndGet();
            }
          });
    }
  }

  private Map<String, Share> map(ClientIdentity publisher) {
    return publisher.username() != null ? byUsername : byClientId;
  }

  private static String key(ClientIdentity publisher) {
    String username = publisher.username();
    return username != null ? username : publisher.clientId();
  }

  /** One publisher's live entries by expiry bucket (a ring of {@value #BUCKETS}). */
  private static final class Share {
    static final int ADDED = 0;
    static final int FULL = 1;
    static final int RETIRED = 2;

    private final long[] ids = new long[BUCKETS];
    private final int[] counts = new int[BUCKETS];
    private boolean retired;

    Share() {
      java.util.Arrays.fill(ids, Long.MIN_VALUE);
    }

    synchronized int tryAdd(long bucket, long nowBucket, int limit) {
      if (retired) {
        return RETIRED;
      }
      if (live(nowBucket) >= limit) {
        return FULL;
      }
      int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
      if (ids[slot] < nowBucket) {
        counts[slot] = 0; // an expired bucket: reuse it
        ids[slot] = bucket;
      } else {
        ids[slot] = Math.max(ids[slot], bucket); // only with clock steps: count it longer
      }
      counts[slot]++;
      return ADDED;
    }

    synchronized void remove(long bucket) {
      int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
      if (counts[slot] > 0) {
        counts[slot]--;
      }
    }

    synchronized int live(long nowBucket) {
      int n = 0;
      for (int i = 0; i < BUCKETS; i++) {
        if (ids[i] >= nowBucket) {
          n += counts[i];
        }
      }
      return n;
    }

    synchronized boolean retireIfIdle(long nowBucket) {
      if (live(nowBucket) == 0) {
        retired = true;
      }
      return retired;
    }
  }
}

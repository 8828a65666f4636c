package io.mqttguard.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The striped, time-expiring replay cache: exact replay semantics across stripes and table growth,
 * expiry at exactly timestamp + window, fail-closed when full, no allocation in steady state, and
 * correctness under concurrent publishers.
 */
class ReplayCacheCapacityTest {
  private static final long NOW = 1_800_000_000L;

  private static byte[] nonce(long high, int low) {
    byte[] n = new byte[12];
    ByteBuffer.wrap(n).putLong(0, high).putInt(8, low);
    return n;
  }

  private static byte[] nonce(long i) {
    return nonce(i * 0x9E37_79B9_7F4A_7C15L, (int) i);
  }

  @Test
  void repeats_areRefusedInEveryStripe_andAfterTheTablesGrew() {
    ReplayCache cache = new ReplayCache(200_000, 300, 8, 42);
    assertThat(cache.stripeCount()).isEqualTo(8);
    long slotsBefore = cache.slots();
    for (int i = 0; i < 100_000; i++) {
      assertThat(cache.firstSeen(1, nonce(i), 0, NOW, NOW)).isNull();
    }
    assertThat(cache.slots()).as("tables grew on demand").isGreaterThan(slotsBefore);
    for (int i = 0; i < 100_000; i++) {
      assertThat(cache.firstSeen(1, nonce(i), 0, NOW - 300, NOW + 300))
          .as("replay of entry %d", i)
          .isEqualTo(RefusalReason.REPLAYED);
    }
    assertThat(cache.firstSeen(2, nonce(7), 0, NOW, NOW)).as("other key ID").isNull();
    assertThat(cache.size()).isEqualTo(100_001);
  }

  @Test
  void entry_isLiveUntilTimestampPlusWindow_andForgottenOneSecondLater() {
    ReplayCache cache = new ReplayCache(16, 10);
    assertThat(cache.firstSeen(9, nonce(1), 0, NOW + 10, NOW)).isNull(); // future ts: 20 s life
    assertThat(cache.firstSeen(9, nonce(2), 0, NOW - 10, NOW)).isNull(); // old ts: expires now
    assertThat(cache.firstSeen(9, nonce(2), 0, NOW - 10, NOW)).isEqualTo(RefusalReason.REPLAYED);
    assertThat(cache.firstSeen(9, nonce(2), 0, NOW - 9, NOW + 1)).isNull();
    assertThat(cache.firstSeen(9, nonce(1), 0, NOW + 10, NOW + 20))
        .isEqualTo(RefusalReason.REPLAYED);
    assertThat(cache.firstSeen(9, nonce(1), 0, NOW + 21, NOW + 21)).isNull();
  }

  @Test
  void matchesAReferenceModel_throughManySweepsOfClusteredTables() {
    for (int stripes : new int[] {1, 4}) {
      ReplayCache cache = new ReplayCache(2_000 * stripes, 5, stripes, 99);
      Map<Integer, Long> model = new HashMap<>(); // nonce id -> expiry second
      SplittableRandom r = new SplittableRandom(stripes);
      int replays = 0;
      for (long now = NOW; now < NOW + 300; now++) {
        for (int k = 0; k < 100 * stripes; k++) {
          int id = r.nextInt(3_000 * stripes);
          long ts = now - 5 + r.nextInt(11);
          Long expiry = model.get(id);
          boolean live = expiry != null && expiry >= now;
          RefusalReason expected = live ? RefusalReason.REPLAYED : null;
          assertThat(cache.firstSeen(4, nonce(id), 0, ts, now))
              .as("stripes %d, nonce %d at %d", stripes, id, now)
              .isEqualTo(expected);
          if (live) {
            replays++;
          } else {
            model.put(id, ts + 5);
          }
        }
        long at = now;
        assertThat(cache.size())
            .isEqualTo((int) model.values().stream().filter(e -> e >= at).count());
      }
      assertThat(replays).as("the workload repeats nonces").isGreaterThan(3_000 * stripes);
    }
  }

  @Test
  void full_refusesNewEntries_andNeverForgetsALiveOne() {
    ReplayCache cache = new ReplayCache(1_000, 300);
    for (int i = 0; i < 1_000; i++) {
      assertThat(cache.firstSeen(1, nonce(i), 0, NOW, NOW + (i % 300))).isNull();
    }
    for (int t = 0; t <= 300; t += 7) {
      assertThat(cache.firstSeen(1, nonce(5_000 + t), 0, NOW + t, NOW + t))
          .isEqualTo(RefusalReason.REPLAY_CACHE_FULL);
    }
    for (int i = 0; i < 1_000; i++) {
      assertThat(cache.firstSeen(1, nonce(i), 0, NOW, NOW + 300)).isEqualTo(RefusalReason.REPLAYED);
    }
    assertThat(cache.firstSeen(1, nonce(9_999), 0, NOW + 301, NOW + 301)).isNull();
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void fullStriped_holdsAtLeastTheCapacity_andForgetsNothingLive() {
    int capacity = 131_072;
    ReplayCache cache = new ReplayCache(capacity, 300);
    assertThat(cache.stripeCount()).isEqualTo(4);
    int accepted = 0;
    int i = 0;
    while (cache.firstSeen(3, nonce(i), 0, NOW, NOW) == null) {
      accepted++;
      i++;
    }
    assertThat(accepted).isBetween(capacity, capacity + capacity / 50);
    for (int j = 0; j < accepted; j++) {
      assertThat(cache.firstSeen(3, nonce(j), 0, NOW, NOW + 300)).isEqualTo(RefusalReason.REPLAYED);
    }
    assertThat(cache.slots() * 17.0 / capacity).as("bytes per entry").isLessThan(23.5);
  }

  @Test
  void steadyState_sweepsExpiredEntriesInPlace_withoutGrowingOrAllocating() {
    var bean = ManagementFactory.getThreadMXBean();
    if (!(bean instanceof com.sun.management.ThreadMXBean hotspot)
        || !hotspot.isThreadAllocatedMemorySupported()) {
      return; // not HotSpot: nothing to measure
    }
    ReplayCache cache = new ReplayCache(20_000, 10);
    byte[] buf = new byte[12];
    ByteBuffer view = ByteBuffer.wrap(buf); // made once: the loop below must not allocate
    long seq = 0;
    long tid = Thread.currentThread().getId();
    long before = 0;
    long slots = 0;
    int refused = 0;
    for (int second = 0; second < 400; second++) {
      if (second == 100) {
        slots = cache.slots();
        before = hotspot.getThreadAllocatedBytes(tid);
      }
      for (int k = 0; k < 900; k++) { // 900 msgs/s × 10 s window: ~9,000 live
        view.putLong(0, ++seq * 0x9E37_79B9_7F4A_7C15L).putInt(8, (int) seq);
        if (cache.firstSeen(1, buf, 0, NOW + second, NOW + second) != null) {
          refused++; // no AssertJ here: it would allocate inside the measured loop
        }
      }
    }
    long allocated = hotspot.getThreadAllocatedBytes(tid) - before;
    assertThat(refused).isZero();
    assertThat(cache.slots()).isEqualTo(slots);
    assertThat(allocated).as("bytes allocated by 270,000 calls").isLessThan(8192);
    assertThat(cache.size()).isBetween(9_000, 9_900);
  }

  @Test
  void concurrentPublishers_eachUniqueNonceAcceptedOnce_everyRepeatRefused() throws Exception {
    int threads = 4;
    int perThread = 50_000;
    ReplayCache cache = new ReplayCache(threads * perThread, 300, 16, 7);
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger replayed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t * perThread / 2; // half of each range overlaps the next thread's
        long seed = t;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  SplittableRandom order = new SplittableRandom(seed);
                  for (int k = 0; k < 2 * perThread; k++) {
                    int n = offset + order.nextInt(perThread);
                    RefusalReason r = cache.firstSeen(1, nonce(n), 0, NOW, NOW);
                    (r == null ? accepted : replayed).incrementAndGet();
                    assertThat(r).isNotEqualTo(RefusalReason.REPLAY_CACHE_FULL);
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    int distinct = cache.size();
    assertThat(accepted.get()).as("each distinct nonce accepted exactly once").isEqualTo(distinct);
    assertThat(accepted.get() + replayed.get()).isEqualTo(threads * 2 * perThread);
    for (int n = 0; n < (threads + 1) * perThread / 2 + perThread; n++) {
      RefusalReason r = cache.firstSeen(1, nonce(n), 0, NOW, NOW);
      if (r == null) {
        distinct++; // never sent by a publisher
      } else {
        assertThat(r).isEqualTo(RefusalReason.REPLAYED);
      }
    }
    assertThat(cache.size()).isEqualTo(distinct);
  }
}

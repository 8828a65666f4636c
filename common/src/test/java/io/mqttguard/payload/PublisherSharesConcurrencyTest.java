package io.mqttguard.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.identity.ClientIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The lock-free publisher share under contention: threads of one publisher never hold more than the
 * limit together, and every reservation given back is counted back.
 */
class PublisherSharesConcurrencyTest {
  private static final int THREADS = 4;
  private static final long NOW = 1_000;

  @RepeatedTest(5)
  void onePublisherFromManyThreads_neverHoldsMoreThanItsShare() throws Exception {
    int limit = 500;
    PublisherShares shares = new PublisherShares(limit, 10, 8);
    ClientIdentity p = ClientIdentity.user("device", "user", Set.of());
    AtomicInteger admitted = new AtomicInteger();

    runConcurrently(
        t -> {
          for (int i = 0; i < 5_000; i++) {
            // expiries spread over several buckets, so adds race on different cells too
            if (shares.reserve(p, NOW + 1 + (i + t) % 10, NOW) == null) {
              admitted.incrementAndGet();
            }
          }
        });

    assertThat(admitted.get()).isLessThanOrEqualTo(limit).isGreaterThan(limit - THREADS);
    assertThat(shares.live(p, NOW)).isEqualTo(admitted.get());
  }

  @RepeatedTest(5)
  void reservationsGivenBack_fromManyThreads_leaveNothingCounted() throws Exception {
    // each thread holds at most one entry at a time; a scan of the cells may count a thread that
    // moves between cells once per cell, so a share of THREADS × BUCKETS is never reached
    PublisherShares shares = new PublisherShares(THREADS * PublisherShares.BUCKETS, 10, 8);
    ClientIdentity p = ClientIdentity.user("device", "user", Set.of());
    AtomicInteger refused = new AtomicInteger();

    runConcurrently(
        t -> {
          for (int i = 0; i < 20_000; i++) {
            long expiry = NOW + 1 + i % 10;
            if (shares.reserve(p, expiry, NOW) == null) {
              shares.release(p, expiry);
            } else {
              refused.incrementAndGet();
            }
          }
        });

    assertThat(shares.live(p, NOW)).isZero();
    assertThat(refused).hasValue(0);
  }

  private interface Worker {
    void run(int thread) throws Exception;
  }

  private static void runConcurrently(Worker worker) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  worker.run(thread);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

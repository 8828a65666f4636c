package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.SENSOR;
import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One guard shared by many publisher threads: replays are refused exactly once-accepted. */
class PayloadConcurrencyTest {

  @Test
  void sameEnvelopeFromManyThreads_isDeliveredExactlyOnce() throws Exception {
    MutableClock clock = new MutableClock(T0);
    PayloadConfig config = Fixtures.config();
    PayloadGuard guard = PayloadGuard.create(config, event -> {}, clock);
    PayloadSealer sealer = PayloadSealer.create(config.keys(), clock, Fixtures.seededRandom());
    byte[] shared = sealer.seal("sensors/a/data", utf8("once"));
    List<byte[]> distinct = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      distinct.add(sealer.seal("sensors/a/data", utf8("m" + i)));
    }
    AtomicInteger sharedDelivered = new AtomicInteger();
    AtomicInteger distinctDelivered = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = offset; i < distinct.size(); i += 4) {
                    if (guard.inbound("sensors/a/data", SENSOR, distinct.get(i)).delivered()) {
                      distinctDelivered.incrementAndGet();
                    }
                    if (guard.inbound("sensors/a/data", SENSOR, shared).delivered()) {
                      sharedDelivered.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sharedDelivered).hasValue(1);
    assertThat(distinctDelivered).hasValue(400);
  }
}

package io.mqttguard.payload;

import io.mqttguard.audit.AuditEvent;
import io.mqttguard.audit.AuditSink;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The {@link KeyUsage}: one {@link Counter} (an exact count in {@value Counter#STRIPES} cells, each
 * on its own cache lines, chosen by the counting thread's ID, + the number of thresholds already
 * audited) per key ID. An increment is one atomic add on the thread's cell, which the broker's
 * other threads rarely touch (a {@code LongAdder} on a 2-CPU machine keeps at most 2 cells, which a
 * broker's many extension threads share and bounce between cores). The thresholds are checked every
 * {@value #SAMPLE}th increment of a cell (a sum reads all cells), so a crossing is audited within
 * {@code SAMPLE × STRIPES} envelopes of it. Thread-safe.
 */
final class KeyCounters implements KeyUsage {
  static final int SAMPLE = 1024;

  private final Map<Integer, Counter> counters = new ConcurrentHashMap<>();
  private final AuditSink audit;
  private final Clock clock;
  private final long[] thresholds;
  private final int sampleMask;

  KeyCounters(AuditSink audit, Clock clock) {
    this(audit, clock, KeyUsage.THRESHOLDS.stream().mapToLong(Long::longValue).toArray(), SAMPLE);
  }

  /** For tests: explicit thresholds (ascending) and a sample rate (a power of two; 1 = always). */
  KeyCounters(AuditSink audit, Clock clock, long[] thresholds, int sample) {
    if (Integer.bitCount(sample) != 1) {
      throw new IllegalArgumentException("sample must be a power of two");
    }
    this.audit = audit;
    this.clock = clock;
    this.thresholds = thresholds.clone();
    this.sampleMask = sample - 1;
  }

  /**
   * The counter of {@code keyId}, created on first use (at guard construction, not per message).
   */
  Counter counter(int keyId) {
    return counters.computeIfAbsent(keyId, Counter::new);
  }

  /** Counts one accepted envelope. */
  void increment(Counter c) {
    if ((c.increment() & sampleMask) == 0) {
      check(c);
    }
  }

  /** Audits every threshold {@code c} has crossed and not yet audited. */
  void check(Counter c) {
    long n = c.sum();
    int level = c.audited.get();
    while (level < thresholds.length && n >= thresholds[level]) {
      if (c.audited.compareAndSet(level, level + 1)) {
        record(c.keyId, n, thresholds[level]);
      }
      level = c.audited.get();
    }
  }

  @Override
  public long count(long keyId) {
    Counter c = keyId < 1 || keyId > 0xFFFF_FFFFL ? null : counters.get((int) keyId);
    return c == null ? 0 : c.sum();
  }

  @Override
  public Map<Long, Long> snapshot() {
    Map<Long, Long> out = new TreeMap<>();
    counters.forEach((id, c) -> out.put(Integer.toUnsignedLong(id), c.sum()));
    return java.util.Collections.unmodifiableMap(out);
  }

  @Override
  public void restore(Map<Long, Long> counts) {
    counts.forEach(
        (id, n) -> {
          if (id >= 1 && id <= 0xFFFF_FFFFL && n > 0) {
            Counter c = counter((int) id.longValue());
            long missing = n - c.sum();
            if (missing > 0) {
              c.add(missing);
            }
            int level = 0;
            while (level < thresholds.length && n >= thresholds[level]) {
              level++;
            }
            c.audited.accumulateAndGet(level, Math::max);
          }
        });
  }

  private void record(int keyId, long count, long threshold) {
    try {
      audit.record(
          new AuditEvent(
              clock.instant(),
              "key-usage",
              "warn",
              null,
              null,
              null,
              null,
              "KEY_WEAR_OUT",
              null,
              Map.of(
                  "keyId", Integer.toUnsignedString(keyId),
                  "count", Long.toString(count),
                  "threshold", Long.toString(threshold),
                  "advice", KeyUsageFile.advice(Integer.toUnsignedLong(keyId)))));
    } catch (RuntimeException e) {
      // An audit failure must not affect publishing (AuditSink contract: never throws).
    }
  }

  /** One key's count, striped over cells by counting thread. */
  static final class Counter {
    static final int STRIPES = 8;
    private static final int PAD = 16; // longs between cells: 128 bytes, no false sharing

    final int keyId;
    final AtomicInteger audited = new AtomicInteger();
    private final AtomicLongArray cells = new AtomicLongArray(STRIPES * PAD);

    Counter(int keyId) {
      this.keyId = keyId;
    }

    /** Adds one in the calling thread's cell; returns that cell's new value. */
    long increment() {
      int cell = (int) (Thread.currentThread().getId() & (STRIPES - 1)) * PAD;
      return cells.incrementAndGet(cell);
    }

    void add(long n) {
      var unused = cells.addAndGet(0, n);
    }

    /** The count: the sum of the cells (exact once concurrent increments have returned). */
    long sum() {
      long n = 0;
      for (int i = 0; i < STRIPES; i++) {
        n += cells.get(i * PAD);
      }
      return n;
    }
  }
}

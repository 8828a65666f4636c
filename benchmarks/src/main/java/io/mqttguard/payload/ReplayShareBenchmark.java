package io.mqttguard.payload;

import io.mqttguard.benchmarks.CpuClock;
import io.mqttguard.identity.ClientIdentity;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The per-publisher replay share under the concurrency of a broker's extension threads: every
 * thread reserves and gives back one entry for the same publisher (a fleet whose devices share a
 * username, or one device's PUBLISHes spread over HiveMQ's extension executor). {@code lockfree}:
 * the current {@link PublisherShares}; {@code monitor}: the earlier one with one monitor per
 * publisher (baseline, same run). Run with {@code -t 1} and {@code -t 2} to see the contention.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Threads(2)
public class ReplayShareBenchmark {
  private static final long NOW = 1_800_000_000L;

  /** One share table for all threads. */
  @State(Scope.Benchmark)
  public static class Shares {
    @Param({"lockfree", "monitor"})
    public String impl = "lockfree";

    @Nullable PublisherShares lockfree;
    @Nullable LegacyPublisherShares monitor;
    final ClientIdentity publisher = ClientIdentity.user("device-1", "fleet", Set.of());

    @Setup
    public void create() {
      if (impl.equals("lockfree")) {
        lockfree = new PublisherShares(100_000, 10, PublisherShares.DEFAULT_MAX_PUBLISHERS);
      } else {
        monitor = new LegacyPublisherShares(100_000, 10, PublisherShares.DEFAULT_MAX_PUBLISHERS);
      }
    }
  }

  /** Reserves one entry for the shared publisher and gives it back. */
  @Benchmark
  public @Nullable RefusalReason reserveAndRelease(Shares s, CpuClock cpu) {
    cpu.calls++;
    long expiry = NOW + 10;
    PublisherShares l = s.lockfree;
    if (l != null) {
      RefusalReason r = l.reserve(s.publisher, expiry, NOW);
      l.release(s.publisher, expiry);
      return r;
    }
    LegacyPublisherShares m = s.monitor;
    if (m == null) {
      return RefusalReason.REPLAY_CACHE_FULL;
    }
    RefusalReason r = m.reserve(s.publisher, expiry, NOW);
    m.release(s.publisher, expiry);
    return r;
  }
}

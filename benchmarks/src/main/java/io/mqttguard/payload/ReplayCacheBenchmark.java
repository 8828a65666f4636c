package io.mqttguard.payload;

import io.mqttguard.benchmarks.CpuClock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The replay check of a broker under sustained load: the cache holds {@code live} entries in steady
 * state (each call records a fresh nonce; the synthetic clock advances one second every {@code live
 * / (window + 1)} calls, so as many entries expire as arrive). {@code striped}: the current {@link
 * ReplayCache}; {@code legacy}: the earlier {@code HashSet} + {@code PriorityQueue} cache
 * (baseline, same run). In the package of the cache because it is package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class ReplayCacheBenchmark {
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final long WINDOW = 100;

  /** One cache per trial, filled to its steady state before measuring. */
  @State(Scope.Benchmark)
  public static class Cache {
    @Param({"1000000"})
    public int live;

    @Param({"striped", "legacy"})
    public String impl = "striped";

    @Nullable ReplayCache striped;
    @Nullable LegacyReplayCache legacy;
    final byte[] nonce = new byte[12];
    final SplittableRandom random = new SplittableRandom(1);
    long now = 1_800_000_000L;
    int perSecond;
    int inSecond;

    @Setup(Level.Trial)
    public void fill() {
      int capacity = 2 * live;
      if (impl.equals("striped")) {
        striped = new ReplayCache(capacity, WINDOW);
      } else {
        legacy = new LegacyReplayCache(capacity, WINDOW);
      }
      perSecond = (int) (live / (WINDOW + 1));
      for (long i = 0; i < 3L * live; i++) {
        if (check() != null) {
          throw new IllegalStateException("refused while filling");
        }
      }
    }

    @Nullable RefusalReason check() {
      if (++inSecond == perSecond) {
        inSecond = 0;
        now++;
      }
      LONG_BE.set(nonce, 0, random.nextLong());
      INT_BE.set(nonce, 8, random.nextInt());
      ReplayCache s = striped;
      LegacyReplayCache l = legacy;
      if (s != null) {
        return s.firstSeen(1, nonce, 0, now, now);
      }
      return l != null ? l.firstSeen(1, nonce, 0, now, now) : RefusalReason.REPLAY_CACHE_FULL;
    }
  }

  /** Records one fresh nonce in a cache holding {@code live} entries. */
  @Benchmark
  public @Nullable RefusalReason firstSeen(Cache c, CpuClock cpu) {
    cpu.calls++;
    return c.check();
  }
}

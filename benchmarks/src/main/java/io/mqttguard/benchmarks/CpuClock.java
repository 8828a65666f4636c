package io.mqttguard.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Calls and CPU time of the benchmark thread per iteration, reported by JMH as the secondary
 * metrics {@code calls} and {@code cpuNanos}. On the shared 2-vCPU development machine the
 * wall-clock score mostly measures how often the thread was scheduled; CPU nanoseconds per call do
 * not (see "Method on a shared machine" in docs/benchmarks.md and {@code
 * benchmarks/scripts/cpu-normalize.py}). A benchmark method takes this state as a parameter and
 * increments {@link #calls} once per operation. Thread-confined (one instance per thread).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Benchmark calls in the iteration. */
  public long calls;

  /** CPU nanoseconds of the benchmark thread in the iteration. */
  public long cpuNanos;

  private long start;

  /** Starts the iteration's CPU clock. */
  @Setup(Level.Iteration)
  public void start() {
    calls = 0;
    cpuNanos = 0;
    start = THREADS.getCurrentThreadCpuTime();
  }

  /** Stops the iteration's CPU clock. */
  @TearDown(Level.Iteration)
  public void stop() {
    cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
  }
}

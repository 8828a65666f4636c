package io.mqttguard.load;

import java.util.Arrays;
import java.util.List;

/** A growable array of latency samples in nanoseconds; {@link #add} is synchronized. */
final class Latencies {
  private long[] samples = new long[1 << 16];
  private int size;

  synchronized void add(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  synchronized long[] snapshot() {
    return Arrays.copyOf(samples, size);
  }

  /** All samples of {@code parts}, sorted. */
  static long[] merged(List<Latencies> parts) {
    long[][] all = parts.stream().map(Latencies::snapshot).toArray(long[][]::new);
    int n = 0;
    for (long[] a : all) {
      n += a.length;
    }
    long[] out = new long[n];
    int pos = 0;
    for (long[] a : all) {
      System.arraycopy(a, 0, out, pos, a.length);
      pos += a.length;
    }
    Arrays.sort(out);
    return out;
  }

  /** The {@code p}-quantile (0..1) of sorted samples, in microseconds (NaN if empty). */
  static double quantileMicros(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int idx = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
    return sorted[idx] / 1000.0;
  }
}

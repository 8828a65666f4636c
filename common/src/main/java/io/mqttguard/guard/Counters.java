package io.mqttguard.guard;

import io.mqttguard.payload.KeyUsage;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** The {@link GuardMetrics} of one guard: one {@link LongAdder} per metric. Thread-safe. */
final class Counters implements GuardMetrics {
  private final Map<GuardMetric, LongAdder> adders = new EnumMap<>(GuardMetric.class);
  private final IntSupplier liveSessions;
  private final KeyUsage keyUsage;

  Counters(IntSupplier liveSessions, KeyUsage keyUsage) {
    this.keyUsage = keyUsage;
    for (GuardMetric m : GuardMetric.values()) {
      adders.put(m, new LongAdder());
    }
    this.liveSessions = liveSessions;
  }

  void increment(GuardMetric metric) {
    adder(metric).increment();
  }

  @Override
  public long count(GuardMetric metric) {
    return adder(metric).sum();
  }

  @Override
  public Map<GuardMetric, Long> snapshot() {
    Map<GuardMetric, Long> out = new EnumMap<>(GuardMetric.class);
    adders.forEach((m, a) -> out.put(m, a.sum()));
    return java.util.Collections.unmodifiableMap(out);
  }

  @Override
  public int liveSessions() {
    return liveSessions.getAsInt();
  }

  @Override
  public Map<Long, Long> keyUsage() {
    return keyUsage.snapshot();
  }

  private LongAdder adder(GuardMetric metric) {
    LongAdder a = adders.get(metric);
    if (a == null) {
      throw new IllegalStateException("unknown metric " + metric);
    }
    return a;
  }
}

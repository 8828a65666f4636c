package io.mqttguard.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * CPU time (user + system, per {@link ThreadMXBean#getThreadCpuTime}) of the broker's threads in
 * this JVM: every live Java thread except the load generator's ({@code load-pub-*}), the MQTT
 * client library's ({@code com.hivemq.client.*}, {@code RxComputationThreadPool-*}) and {@code
 * main}. JIT compiler and GC threads are not Java threads and are not counted. Threads that end
 * between two readings lose their time (none do during a measured window). Not thread-safe.
 */
final class CpuMeter {
  private static final List<String> CLIENT_PREFIXES =
      List.of("load-pub-", "com.hivemq.client.", "RxComputationThreadPool", "RxCached", "main");

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** Whether per-thread CPU time can be read in this JVM. */
  boolean supported() {
    return threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
  }

  /** The summed CPU nanoseconds of the broker's live threads now ({@code -1} if unsupported). */
  long brokerNanos() {
    if (!supported()) {
      return -1;
    }
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && !isClient(info.getThreadName())) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        sum += Math.max(0, cpu);
      }
    }
    return sum;
  }

  static boolean isClient(String threadName) {
    for (String prefix : CLIENT_PREFIXES) {
      if (threadName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}

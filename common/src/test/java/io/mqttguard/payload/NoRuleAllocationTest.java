package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.SENSOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The no-rule-matches path allocates nothing. Measured with the HotSpot per-thread allocation
 * counter over many calls (a count of bytes, not a timing), so it is deterministic.
 */
class NoRuleAllocationTest {

  @Test
  void inbound_topicWithoutRule_allocatesNothing() throws Exception {
    var bean = ManagementFactory.getThreadMXBean();
    if (!(bean instanceof com.sun.management.ThreadMXBean hotspot)
        || !hotspot.isThreadAllocatedMemorySupported()) {
      return; // not HotSpot: nothing to measure
    }
    PayloadGuard guard =
        PayloadGuard.create(
            Fixtures.config(), event -> {}, Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
    byte[] payload = new byte[64];
    String[] topics = {"sensors/a/other", "building/7/floor/3/temp", "$SYS/broker/load", "x"};
    long tid = Thread.currentThread().getId();
    for (int i = 0; i < 20_000; i++) {
      var unused = guard.inbound(topics[i & 3], SENSOR, payload);
    }
    long before = hotspot.getThreadAllocatedBytes(tid);
    int passed = 0;
    for (int i = 0; i < 100_000; i++) {
      if (guard.inbound(topics[i & 3], SENSOR, payload) == PayloadVerdict.passThrough()) {
        passed++;
      }
    }
    long allocated = hotspot.getThreadAllocatedBytes(tid) - before;
    assertThat(passed).isEqualTo(100_000);
    assertThat(allocated).as("bytes allocated by 100k no-rule calls").isLessThan(4096);
  }
}

package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.SENSOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 "Floods": envelopes and stamps of random bytes sent as fast as one thread can, on every
 * kind of protected topic, cause no allocation blow-up. Measured with the HotSpot per-thread
 * allocation counter (bytes, not time, so the bound is deterministic enough to assert): the average
 * allocation per refused message stays within a fixed budget plus a small multiple of the payload
 * size, and none of them is delivered.
 */
class EnvelopeFloodTest {
  static final String[] TOPICS = {"sensors/a/data", "bound/b", "cmd/x", "small/s"};
  static final int CALLS = 100_000;

  /**
   * Fixed budget per call (a cipher, a decision, an audit event): about 5 times the 610-911 bytes
   * measured on 2026-11-23, plus the payload copied up to three times.
   */
  static final long FIXED_BUDGET_BYTES = 4 * 1024;

  static final int PAYLOAD_MULTIPLIER = 3;

  private final SplittableRandom random = new SplittableRandom(8);

  /** Random bytes; a third start with a valid envelope header, a third with a stamp-like header. */
  byte[] hostile(int i) {
    byte[] b = new byte[random.nextInt(i % 100 == 0 ? 8192 : 300)];
    for (int k = 0; k < b.length; k++) {
      b[k] = (byte) random.nextInt(256);
    }
    if (b.length >= 27 && i % 3 == 0) {
      ByteBuffer h = ByteBuffer.wrap(b);
      h.put((byte) 1).put((byte) (1 + (i & 1))).put((byte) 0).putInt(1 + (i % 4));
      h.putLong(Fixtures.T0.getEpochSecond());
    } else if (b.length >= 8 && i % 3 == 1) {
      b[0] = 1;
    }
    return b;
  }

  @Test
  void randomEnvelopesAtFullSpeed_allocationPerCallStaysBounded_andNothingIsDelivered()
      throws Exception {
    var bean = ManagementFactory.getThreadMXBean();
    assumeTrue(
        bean instanceof com.sun.management.ThreadMXBean hs && hs.isThreadAllocatedMemorySupported(),
        "needs HotSpot's per-thread allocation counter");
    com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
    PayloadGuard guard =
        PayloadGuard.create(
            Fixtures.config(), event -> {}, Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
    for (int i = 0; i < 20_000; i++) {
      var unused = guard.inbound(TOPICS[i & 3], SENSOR, hostile(i));
    }
    byte[][] inputs = new byte[CALLS / 10][];
    long payloadBytes = 0;
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = hostile(i);
      payloadBytes += inputs[i].length;
    }
    long tid = Thread.currentThread().getId();
    long before = hotspot.getThreadAllocatedBytes(tid);
    int delivered = 0;
    for (int i = 0; i < CALLS; i++) {
      if (guard.inbound(TOPICS[i & 3], SENSOR, inputs[i % inputs.length]).delivered()) {
        delivered++;
      }
    }
    long allocated = hotspot.getThreadAllocatedBytes(tid) - before;
    long perCall = allocated / CALLS;
    long averagePayload = payloadBytes / inputs.length;
    System.out.printf(
        "envelope flood: %d calls, %d bytes allocated, %d per call, average payload %d%n",
        CALLS, allocated, perCall, averagePayload);
    assertThat(delivered).as("random bytes delivered on a protected topic").isZero();
    assertThat(perCall)
        .as(
            "bytes allocated per call (%d calls, %d bytes in total, average payload %d)",
            CALLS, allocated, averagePayload)
        .isLessThan(FIXED_BUDGET_BYTES + PAYLOAD_MULTIPLIER * averagePayload);
  }

  @Test
  void envelopeHeaderClaimingAHugeBody_allocatesNoMoreThanASmallOne() throws Exception {
    var bean = ManagementFactory.getThreadMXBean();
    assumeTrue(
        bean instanceof com.sun.management.ThreadMXBean hs && hs.isThreadAllocatedMemorySupported(),
        "needs HotSpot's per-thread allocation counter");
    com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
    PayloadGuard guard =
        PayloadGuard.create(
            Fixtures.config(), event -> {}, Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
    // A stamp whose length fields are all 0xff and a truncated envelope: nothing may be sized by
    // a field the sender controls.
    byte[] stamp = new byte[64];
    java.util.Arrays.fill(stamp, (byte) 0xff);
    stamp[0] = 1;
    byte[] shortEnvelope = new byte[30];
    ByteBuffer.wrap(shortEnvelope).put((byte) 1).put((byte) 1).put((byte) 0).putInt(1);
    long tid = Thread.currentThread().getId();
    for (byte[] hostile : new byte[][] {stamp, shortEnvelope}) {
      for (int i = 0; i < 1_000; i++) {
        var unused = guard.inbound(TOPICS[i & 3], SENSOR, hostile);
      }
      long before = hotspot.getThreadAllocatedBytes(tid);
      int delivered = 0;
      for (int i = 0; i < 10_000; i++) {
        if (guard.inbound(TOPICS[i & 3], SENSOR, hostile).delivered()) {
          delivered++;
        }
      }
      long perCall = (hotspot.getThreadAllocatedBytes(tid) - before) / 10_000;
      System.out.printf("hostile header of %d bytes: %d bytes per call%n", hostile.length, perCall);
      assertThat(delivered).isZero();
      assertThat(perCall)
          .as("bytes per call for %d hostile bytes", hostile.length)
          .isLessThan(FIXED_BUDGET_BYTES);
    }
  }
}

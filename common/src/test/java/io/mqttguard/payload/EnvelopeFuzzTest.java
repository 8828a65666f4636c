package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.SENSOR;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Fuzz target for the envelope and stamp parser alone (issue 8: "payload envelope parser"), fast
 * enough for many executions per second. Inputs are random bytes, or genuine envelopes and stamps
 * of both format versions, bound and unbound (sealed at start-up for each protected topic) with
 * fuzzer-chosen byte changes, truncations or fuzzer-chosen tails. Properties: {@link
 * PayloadGuard#inbound} never throws, and on a topic whose rule decrypts or verifies it delivers
 * nothing but the genuine, unmodified bytes (no "allow" from malformed input). Runs in regression
 * mode in {@code test} and as the {@code fuzz-payload-envelope} execution of common/pom.xml.
 */
class EnvelopeFuzzTest {
  static final String[] TOPICS = {
    "sensors/a/data",
    "bound/b",
    "cmd/x",
    "small/s",
    "e2e/x",
    "cmd/v1",
    "cmd/bound",
    "sensors/v1/data"
  };
  static final PayloadGuard GUARD;
  static final byte[][] GENUINE;

  static {
    try {
      PayloadConfig config = Fixtures.config();
      Clock clock = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
      GUARD = PayloadGuard.create(config, event -> {}, clock);
      PayloadSealer sealer = PayloadSealer.create(config.keys(), clock, Fixtures.seededRandom());
      GENUINE =
          new byte[][] {
            sealer.seal(TOPICS[0], utf8("21.5")),
            sealer.sealBound(TOPICS[1], SENSOR.clientId(), utf8("bound")),
            sealer.stamp(TOPICS[2], utf8("open")),
            sealer.seal(TOPICS[3], utf8("tiny")),
            sealer.seal(TOPICS[4], utf8("end-to-end")),
            sealer.withFormatVersion(1).stamp(TOPICS[5], utf8("v1")),
            sealer.stampBound(TOPICS[6], SENSOR.clientId(), utf8("bound stamp")),
            sealer.withFormatVersion(1).seal(TOPICS[7], utf8("v1 envelope")),
          };
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void mutatedOrRandomEnvelopes_neverThrow_andOnlyGenuineBytesAreDelivered(
      FuzzedDataProvider data) {
    int t = data.consumeInt(0, TOPICS.length - 1);
    byte[] genuine = GENUINE[t];
    byte[] input =
        switch (data.consumeInt(0, 3)) {
          case 0 -> data.consumeRemainingAsBytes();
          case 1 -> {
            byte[] b = genuine.clone();
            int changes = data.consumeInt(1, 8);
            for (int i = 0; i < changes; i++) {
              b[data.consumeInt(0, b.length - 1)] ^= (byte) data.consumeInt(1, 255);
            }
            yield b;
          }
          case 2 -> Arrays.copyOf(genuine, data.consumeInt(0, genuine.length - 1));
          default -> {
            byte[] head = Arrays.copyOf(genuine, data.consumeInt(0, genuine.length));
            byte[] tail = data.consumeRemainingAsBytes();
            byte[] b = Arrays.copyOf(head, head.length + tail.length);
            System.arraycopy(tail, 0, b, head.length, tail.length);
            yield b;
          }
        };
    PayloadVerdict o = GUARD.inbound(TOPICS[t], SENSOR, input);
    assertThat(o).isNotNull();
    if (o.delivered() && !TOPICS[t].startsWith("e2e/")) {
      // e2e/ only requires the envelope form; the others decrypt or verify.
      assertThat(input).as("delivered on %s", TOPICS[t]).isEqualTo(genuine);
    }
  }
}

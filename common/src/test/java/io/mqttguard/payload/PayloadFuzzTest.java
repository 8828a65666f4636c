package io.mqttguard.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mqttguard.config.ConfigException;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Fuzz target for the envelope/stamp parsers (through {@link PayloadGuard#inbound}) and the two
 * loaders. Properties: {@code inbound} never throws and never delivers a forged payload on a
 * protected topic; the loaders throw only {@link ConfigException}. One target (one Jazzer JVM): the
 * first byte selects the subject. Runs in regression mode in {@code test} and as a short fuzz run
 * in the {@code fuzz-payload} execution of common/pom.xml.
 */
class PayloadFuzzTest {
  private static final PayloadGuard GUARD;

  static {
    try {
      GUARD =
          PayloadGuard.create(
              Fixtures.config(), event -> {}, Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
    } catch (ConfigException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anyInput_inboundNeverThrowsOrForges_loadersThrowOnlyConfigException(
      FuzzedDataProvider data) {
    switch (data.consumeInt(0, 2)) {
      case 0 -> {
        String topic = data.pickValue(new String[] {"sensors/a/data", "cmd/x", "e2e/x", "bound/b"});
        byte[] payload = data.consumeRemainingAsBytes();
        PayloadVerdict o = GUARD.inbound(topic, Fixtures.SENSOR, payload);
        assertThat(o).isNotNull();
        if (!topic.startsWith("e2e/")) {
          assertThat(o.delivered()).as("forged payload delivered on %s", topic).isFalse();
        }
      }
      case 1 -> {
        try {
          var unused = Keyset.parse("keys.json", data.consumeRemainingAsBytes());
        } catch (ConfigException expected) {
          // documented failure
        }
      }
      default -> {
        try {
          var unused =
              PayloadConfig.withKeys(
                  Fixtures.keyset(), "payload.json", data.consumeRemainingAsBytes());
        } catch (ConfigException expected) {
          // documented failure
        }
      }
    }
  }
}

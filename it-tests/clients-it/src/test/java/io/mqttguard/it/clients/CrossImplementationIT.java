package io.mqttguard.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.Opened;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.payload.PayloadSecurityException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every implementation (the Java CLI and the {@code mqtt-guard-seal} tool of each device library)
 * seals fresh messages with every algorithm, derived and bound keys, in both wire format versions;
 * what it writes opens with {@code ./mqtt-guard open} and with the Java opener ({@link
 * PayloadSealer#openOrVerify}), and two seals of the same input differ (random nonces).
 */
class CrossImplementationIT {
  static Path config;
  static Keyset keys;

  @BeforeAll
  static void writeConfig(@TempDir Path dir) throws Exception {
    config = dir;
    TestConfig.write(config);
    keys = Keyset.load(config.resolve("keys.json"));
  }

  @AfterAll
  static void destroyKeys() {
    keys.destroy();
  }

  static List<Combination> combinations() {
    return Combination.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("combinations")
  void sealedTwice_differs_andOpensWithTheCliAndTheJavaOpener(Combination c) throws Exception {
    SealCase sc = c.sealCase();
    String topic = c.topic("x");
    @Nullable String clientId = sc.bound() ? c.clientId() : null;
    byte[] plaintext = ("reading " + UUID.randomUUID() + " ü").getBytes(StandardCharsets.UTF_8);
    long before = System.currentTimeMillis() / 1000;
    byte[] first = sealed(c, topic, clientId, plaintext);
    byte[] second = sealed(c, topic, clientId, plaintext);

    assertHeader(c, first, plaintext.length, before);
    if (!(c.format() == 1 && sc.stamp())) {
      // version 1 stamps carry no nonce: the same input in the same second gives the same bytes
      assertThat(second).as("%s: a second seal of the same input", c).isNotEqualTo(first);
      assertThat(Arrays.copyOfRange(second, 15, 27))
          .isNotEqualTo(Arrays.copyOfRange(first, 15, 27));
    }
    for (byte[] s : List.of(first, second)) {
      Opened o = javaOpen(c, topic, clientId, s);
      assertThat(o.payload()).as("%s: payload", c).isEqualTo(plaintext);
      assertThat(o.algorithm()).isEqualTo(sc.algorithm());
      assertThat(o.keyId()).isEqualTo(sc.keyId());
      assertThat(o.encrypted()).isEqualTo(!sc.stamp());
    }
    Processes.Result opened = Implementations.cliOpen(config, topic, clientId, first);
    assertThat(opened.exitCode()).as(opened.describe()).isZero();
    assertThat(opened.stdout()).as(opened.describe()).isEqualTo(plaintext);
  }

  private static Opened javaOpen(
      Combination c, String topic, @Nullable String clientId, byte[] sealed) {
    try {
      return PayloadSealer.create(keys, Clock.systemUTC(), new SecureRandom())
          .openOrVerify(topic, clientId, sealed);
    } catch (PayloadSecurityException e) {
      throw new AssertionError(c + ": the Java opener refused it (" + e.reason() + ")", e);
    }
  }

  private static byte[] sealed(Combination c, String topic, @Nullable String clientId, byte[] in)
      throws Exception {
    List<String> options = c.sealCase().sealOptions(config, topic, clientId);
    Processes.Result r = Implementations.seal(c.impl(), c.format(), options, in);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r.stdout();
  }

  private static void assertHeader(Combination c, byte[] s, int plaintextLength, long before) {
    SealCase sc = c.sealCase();
    assertThat(s).as("%s: length", c).hasSize(sc.overhead(c.format()) + plaintextLength);
    ByteBuffer b = ByteBuffer.wrap(s);
    assertThat(b.get(0)).as("%s: version", c).isEqualTo((byte) c.format());
    assertThat(b.get(1) & 0xFF).as("%s: algorithm", c).isEqualTo(sc.algorithmByte());
    assertThat(b.get(2)).as("%s: flags", c).isEqualTo((byte) (sc.bound() ? 1 : 0));
    assertThat(b.getInt(3) & 0xFFFFFFFFL).as("%s: key ID", c).isEqualTo(sc.keyId());
    assertThat(b.getLong(7)).as("%s: timestamp", c).isBetween(before - 5, before + 120);
  }
}

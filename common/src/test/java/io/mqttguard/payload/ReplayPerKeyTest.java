package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.testsupport.MutableClock;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays are tracked per actual key: for a key derived per topic, (key ID, topic, nonce); two
 * devices with their own derived topic keys may use the same counter nonce.
 */
class ReplayPerKeyTest {
  private static final ClientIdentity DEVICE_A =
      ClientIdentity.user("device-a", "device-a", Set.of("sensor"));
  private static final ClientIdentity DEVICE_B =
      ClientIdentity.user("device-b", "device-b", Set.of("sensor"));
  private static final String TOPIC_A = "sensors/a/data";
  private static final String TOPIC_B = "sensors/b/data";

  private final MutableClock clock = new MutableClock(T0);
  private final Fixtures.RecordingSink audit = new Fixtures.RecordingSink();
  private PayloadConfig config;
  private PayloadGuard guard;

  @BeforeEach
  void setUp() throws Exception {
    config = Fixtures.config();
    guard = PayloadGuard.create(config, audit, clock);
  }

  /** What a device with a counter nonce seals: the counter's value as the 12 nonce bytes. */
  private byte[] sealWithCounter(int keyId, String topic, long counter, String text)
      throws Exception {
    byte[] nonce = new byte[12];
    for (int i = 0; i < 8; i++) {
      nonce[11 - i] = (byte) (counter >>> (8 * i));
    }
    PayloadSealer sealer = PayloadSealer.create(config.keys(), clock, new FixedRandom(nonce));
    return sealer.withKey(keyId).seal(topic, utf8(text));
  }

  @Test
  void derivedKey_sameCounterNonceOnTwoDevicesTopics_bothAccepted() throws Exception {
    byte[] fromA = sealWithCounter(3, TOPIC_A, 1, "21.5");
    byte[] fromB = sealWithCounter(3, TOPIC_B, 1, "19.0");
    assertThat(java.util.Arrays.copyOfRange(fromA, 15, 27))
        .isEqualTo(java.util.Arrays.copyOfRange(fromB, 15, 27)); // the same nonce, key ID 3

    assertThat(guard.inbound(TOPIC_A, DEVICE_A, fromA)).isInstanceOf(PayloadVerdict.Replaced.class);
    assertThat(guard.inbound(TOPIC_B, DEVICE_B, fromB)).isInstanceOf(PayloadVerdict.Replaced.class);
    assertThat(audit.events).isEmpty();
  }

  @Test
  void derivedKey_sameCounterNonceTwiceOnOneTopic_isReplayed() throws Exception {
    byte[] first = sealWithCounter(3, TOPIC_A, 7, "21.5");
    byte[] restarted = sealWithCounter(3, TOPIC_A, 7, "22.0"); // counter reset after a reboot

    assertThat(guard.inbound(TOPIC_A, DEVICE_A, first)).isInstanceOf(PayloadVerdict.Replaced.class);
    assertThat(guard.inbound(TOPIC_A, DEVICE_A, restarted))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAYED));
    assertThat(guard.inbound(TOPIC_A, DEVICE_B, first))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAYED));
  }

  @Test
  void sharedKey_sameNonceOnTwoTopics_isReplayed_oneActualKey() throws Exception {
    byte[] onA = sealWithCounter(1, TOPIC_A, 1, "21.5");
    byte[] onB = sealWithCounter(1, TOPIC_B, 1, "19.0");

    assertThat(guard.inbound(TOPIC_A, DEVICE_A, onA)).isInstanceOf(PayloadVerdict.Replaced.class);
    assertThat(guard.inbound(TOPIC_B, DEVICE_B, onB))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAYED));
  }

  @Test
  void derivedKey_replayMemory_survivesReloadWithSameReplaySettings() throws Exception {
    byte[] first = sealWithCounter(3, TOPIC_A, 9, "21.5");
    assertThat(guard.inbound(TOPIC_A, DEVICE_A, first)).isInstanceOf(PayloadVerdict.Replaced.class);

    PayloadGuard reloaded = PayloadGuard.reload(guard, Fixtures.config(), audit, clock);

    assertThat(reloaded.inbound(TOPIC_A, DEVICE_A, first))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAYED));
    assertThat(reloaded.inbound(TOPIC_B, DEVICE_B, sealWithCounter(3, TOPIC_B, 9, "x")))
        .isInstanceOf(PayloadVerdict.Replaced.class);
  }

  @Test
  void topicHash_isKeyedBySeed_andTellsTopicsApart() {
    ReplayCache one = new ReplayCache(16, 10, 1, 1L);
    ReplayCache other = new ReplayCache(16, 10, 1, 2L);

    assertThat(one.topicHash(TOPIC_A)).isEqualTo(one.topicHash(TOPIC_A));
    assertThat(one.topicHash(TOPIC_A)).isNotEqualTo(one.topicHash(TOPIC_B));
    assertThat(one.topicHash("abcd")).isNotEqualTo(one.topicHash("abcd\u0000"));
    assertThat(one.topicHash(TOPIC_A)).isNotEqualTo(other.topicHash(TOPIC_A));
  }
}

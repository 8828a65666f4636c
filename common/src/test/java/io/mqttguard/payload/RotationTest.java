package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.SENSOR;
import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.b64;
import static io.mqttguard.payload.Fixtures.key;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/** Rotation: add a key, make it primary, later disable the old one. */
class RotationTest {
  private static final String RULES =
      """
      {"rules": [{"topics": ["t/#"], "action": "decrypt", "keys": [1, 2]}]}
      """;

  private final MutableClock clock = new MutableClock(T0);

  private static PayloadConfig config(String status1, String status2) throws Exception {
    String keys =
        """
        {"keys": [
          {"id": 1, "algorithm": "AES-256-GCM", "status": "%s", "material": "%s"},
          {"id": 2, "algorithm": "AES-256-GCM", "status": "%s", "material": "%s"}
        ]}
        """
            .formatted(status1, b64(key(1)), status2, b64(key(2)));
    return PayloadConfig.parse("keys.json", utf8(keys), "payload.json", utf8(RULES));
  }

  @Test
  void rotation_oldKeyDecryptsWhileEnabled_notAfterDisable() throws Exception {
    PayloadConfig before = config("primary", "enabled");
    byte[] old =
        PayloadSealer.create(before.keys(), clock, Fixtures.seededRandom()).seal("t/x", utf8("v1"));
    assertThat(old[6]).isEqualTo((byte) 1);

    PayloadConfig promoted = config("enabled", "primary");
    PayloadSealer sealer = PayloadSealer.create(promoted.keys(), clock, Fixtures.seededRandom());
    byte[] fresh = sealer.seal("t/x", utf8("v2"));
    assertThat(fresh[6]).as("new primary seals").isEqualTo((byte) 2);
    PayloadGuard during = PayloadGuard.create(promoted, event -> {}, clock);
    assertThat(during.inbound("t/x", SENSOR, old))
        .isEqualTo(new PayloadVerdict.Replaced(utf8("v1")));
    assertThat(during.inbound("t/x", SENSOR, fresh))
        .isEqualTo(new PayloadVerdict.Replaced(utf8("v2")));

    PayloadConfig retired = config("disabled", "primary");
    PayloadGuard after = PayloadGuard.create(retired, event -> {}, clock);
    assertThat(after.inbound("t/x", SENSOR, old))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.KEY_DISABLED));
    assertThat(after.inbound("t/x", SENSOR, sealer.seal("t/x", utf8("v3"))).delivered()).isTrue();
  }

  @Test
  void destroy_zeroesKeyMaterial_andTheGuardFailsClosed() throws Exception {
    PayloadConfig cfg = config("primary", "enabled");
    byte[] envelope =
        PayloadSealer.create(cfg.keys(), clock, Fixtures.seededRandom()).seal("t/x", utf8("v"));
    PayloadGuard guard = PayloadGuard.create(cfg, event -> {}, clock);
    cfg.keys().destroy();
    assertThat(guard.inbound("t/x", SENSOR, envelope))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.AUTHENTICATION_FAILED));
  }

  @Test
  void sealer_withDisabledOrUnknownKey_isRejected() throws Exception {
    PayloadConfig cfg = config("disabled", "primary");
    PayloadSealer sealer = PayloadSealer.create(cfg.keys(), clock, Fixtures.seededRandom());
    assertThatThrownBy(() -> sealer.withKey(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sealer.withKey(99)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reload_keepsReplayMemory_soAReloadDoesNotReopenReplays() throws Exception {
    PayloadConfig first = config("primary", "enabled");
    byte[] envelope =
        PayloadSealer.create(first.keys(), clock, Fixtures.seededRandom()).seal("t/x", utf8("v"));
    PayloadGuard before = PayloadGuard.create(first, event -> {}, clock);
    assertThat(before.inbound("t/x", SENSOR, envelope).delivered()).isTrue();

    PayloadGuard after =
        PayloadGuard.reload(before, config("enabled", "primary"), event -> {}, clock);
    assertThat(after.inbound("t/x", SENSOR, envelope))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAYED));
    PayloadGuard fresh = PayloadGuard.reload(PayloadGuard.disabled(), first, event -> {}, clock);
    assertThat(fresh.inbound("t/x", SENSOR, envelope).delivered())
        .as("no memory to take over from a disabled guard")
        .isTrue();
  }
}

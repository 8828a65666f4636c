package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.b64;
import static io.mqttguard.payload.Fixtures.key;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.testsupport.MutableClock;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** verify-hmac and verify-signature rules. */
class StampTest {
  private static final ClientIdentity CI = ClientIdentity.user("ci-runner", "ci", Set.of());
  private static final ClientIdentity DEVICE = ClientIdentity.user("dev-1", "device", Set.of());
  private static final byte[] IMAGE = utf8("firmware image bytes");

  private final MutableClock clock = new MutableClock(T0);
  private KeyPair ed;
  private KeyPair ec;
  private PayloadGuard guard;
  private PayloadSealer sealer;

  @BeforeEach
  void setUp() throws Exception {
    ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    ec = g.generateKeyPair();
    String keys =
        """
        {"keys": [
          {"id": 4, "algorithm": "HMAC-SHA256", "status": "primary", "material": "%s"},
          {"id": 20, "algorithm": "ED25519", "status": "enabled", "publicKey": "%s",
           "owner": {"username": "ci"}},
          {"id": 21, "algorithm": "ECDSA-P256", "status": "enabled", "publicKey": "%s",
           "owner": {"username": "ci", "clientId": "ci-runner"}}
        ]}
        """
            .formatted(
                b64(key(4)), b64(ed.getPublic().getEncoded()), b64(ec.getPublic().getEncoded()));
    String rules =
        """
        {"rules": [
          {"topics": ["cmd/#"], "action": "verify-hmac", "keys": [4]},
          {"topics": ["kept/#"], "action": "verify-hmac", "keys": [4], "keepStamp": true},
          {"topics": ["fw/#"], "action": "verify-signature", "keys": [20, 21]}
        ]}
        """;
    PayloadConfig config =
        PayloadConfig.parse("keys.json", utf8(keys), "payload.json", utf8(rules));
    guard = PayloadGuard.create(config, event -> {}, clock);
    sealer = PayloadSealer.create(config.keys(), clock, Fixtures.seededRandom());
  }

  @Test
  void hmac_validStamp_isStrippedByDefault_keptWhenConfigured() throws Exception {
    assertThat(guard.inbound("cmd/door", DEVICE, sealer.stamp("cmd/door", utf8("open"))))
        .isEqualTo(new PayloadVerdict.Replaced(utf8("open")));
    assertThat(guard.inbound("kept/door", DEVICE, sealer.stamp("kept/door", utf8("open"))))
        .isSameAs(PayloadVerdict.PassThrough.VERIFIED);
  }

  @Test
  void hmac_everyBitFlip_orOtherTopic_isRefused() throws Exception {
    byte[] stamped = sealer.stamp("cmd/door", utf8("open"));
    for (int bit = 0; bit < stamped.length * 8; bit++) {
      byte[] flipped = stamped.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(guard.inbound("cmd/door", DEVICE, flipped).delivered())
          .as("bit %d", bit)
          .isFalse();
    }
    assertThat(guard.inbound("cmd/window", DEVICE, stamped))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.HMAC_INVALID));
  }

  @Test
  void hmac_replayedStamp_isRefused() throws Exception {
    byte[] stamped = sealer.stamp("cmd/door", utf8("open"));
    assertThat(guard.inbound("cmd/door", DEVICE, stamped).delivered()).isTrue();
    assertThat(guard.inbound("cmd/door", DEVICE, stamped))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAYED));
  }

  @Test
  void signature_ed25519AndEcdsa_verifyForTheOwner() throws Exception {
    byte[] a = PayloadSealer.sign(ed.getPrivate(), 20, "fw/v2", IMAGE, clock);
    byte[] b = PayloadSealer.sign(ec.getPrivate(), 21, "fw/v2", IMAGE, clock);
    assertThat(b[1]).isEqualTo((byte) 0x21);
    assertThat(guard.inbound("fw/v2", CI, a)).isEqualTo(new PayloadVerdict.Replaced(IMAGE));
    assertThat(guard.inbound("fw/v2", CI, b)).isEqualTo(new PayloadVerdict.Replaced(IMAGE));
  }

  @Test
  void signature_tamperedImage_unsignedImage_foreignPublisher_areRefused() throws Exception {
    byte[] signed = PayloadSealer.sign(ed.getPrivate(), 20, "fw/v2", IMAGE, clock);
    byte[] tampered = signed.clone();
    tampered[tampered.length - 1] ^= 1;
    assertThat(guard.inbound("fw/v2", CI, tampered))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.SIGNATURE_INVALID));
    assertThat(guard.inbound("fw/v2", CI, IMAGE))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.UNPROTECTED));
    assertThat(guard.inbound("fw/v2", DEVICE, signed))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.SIGNER_NOT_PUBLISHER));
    byte[] wrongKey = PayloadSealer.sign(ed.getPrivate(), 21, "fw/v2", IMAGE, clock);
    assertThat(guard.inbound("fw/v2", CI, wrongKey))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.UNKNOWN_ALGORITHM));
  }

  @Test
  void signature_envelopeOnSignatureTopic_isRefusedAsWrongAlgorithm() throws Exception {
    assertThat(guard.inbound("fw/v2", CI, sealer.stamp("fw/v2", IMAGE)))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.UNKNOWN_ALGORITHM));
  }
}

package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.b64;
import static io.mqttguard.payload.Fixtures.key;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.config.ConfigException;
import io.mqttguard.envelope.Algorithm;
import io.mqttguard.envelope.Header;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.testsupport.MutableClock;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forged stamps whose signature or tag bytes are not even well-formed (all zero, all 0xFF) are
 * refused, whichever way the JCA provider reports them (false or an exception).
 */
class ForgedStampTest {
  private static final ClientIdentity CI = ClientIdentity.user("ci-runner", "ci", Set.of());
  private static final byte[] IMAGE = utf8("firmware image bytes");

  private final MutableClock clock = new MutableClock(T0);
  private KeyPair ed;
  private KeyPair ec;
  private PayloadGuard guard;

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
           "owner": {"username": "ci"}}
        ]}
        """
            .formatted(
                b64(key(4)), b64(ed.getPublic().getEncoded()), b64(ec.getPublic().getEncoded()));
    String rules =
        """
        {"rules": [
          {"topics": ["cmd/#"], "action": "verify-hmac", "keys": [4]},
          {"topics": ["fw/#"], "action": "verify-signature", "keys": [20, 21]}
        ]}
        """;
    PayloadConfig config =
        PayloadConfig.parse("keys.json", utf8(keys), "payload.json", utf8(rules));
    guard = PayloadGuard.create(config, event -> {}, clock);
  }

  private static byte[] withTag(byte[] stamp, int length, int fill) throws Exception {
    byte[] s = stamp.clone();
    int at = Header.parse(stamp).headerLength();
    Arrays.fill(s, at, at + length, (byte) fill);
    return s;
  }

  @Test
  void signature_garbageBytes_areRefusedAsInvalidSignature() throws Exception {
    byte[] edStamp = PayloadSealer.sign(ed.getPrivate(), 20, "fw/x", IMAGE, clock);
    byte[] ecStamp = PayloadSealer.sign(ec.getPrivate(), 21, "fw/x", IMAGE, clock);
    assertThat(guard.inbound("fw/x", CI, edStamp).delivered()).isTrue();
    assertThat(guard.inbound("fw/x", CI, ecStamp).delivered()).isTrue();
    for (int fill : new int[] {0x00, 0xFF, 0x7F}) {
      assertThat(guard.inbound("fw/x", CI, withTag(edStamp, 64, fill)))
          .as("ed25519 fill %x", fill)
          .isEqualTo(new PayloadVerdict.Refused(RefusalReason.SIGNATURE_INVALID));
      assertThat(guard.inbound("fw/x", CI, withTag(ecStamp, 64, fill)))
          .as("ecdsa fill %x", fill)
          .isEqualTo(new PayloadVerdict.Refused(RefusalReason.SIGNATURE_INVALID));
    }
  }

  @Test
  void signatureStamp_isNotAcceptedUnderAnotherAlgorithmsKey() throws Exception {
    // An Ed25519 stamp relabelled as ECDSA (same length) must not verify with the ECDSA key.
    byte[] edStamp = PayloadSealer.sign(ed.getPrivate(), 21, "fw/x", IMAGE, clock);
    byte[] relabelled = edStamp.clone();
    relabelled[1] = (byte) Algorithm.ECDSA_P256.wireId();
    assertThat(guard.inbound("fw/x", CI, relabelled))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.SIGNATURE_INVALID));
    assertThat(guard.inbound("fw/x", CI, edStamp))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.UNKNOWN_ALGORITHM));
  }

  @Test
  void hmac_garbageTag_isRefusedAsInvalidHmac() throws Exception {
    PayloadSealer sealer =
        PayloadSealer.create(
            Keyset.parse(
                "keys.json",
                utf8(
                    """
                    {"keys": [{"id": 4, "algorithm": "HMAC-SHA256", "status": "primary",
                      "material": "%s"}]}
                    """
                        .formatted(b64(key(4))))),
            clock,
            Fixtures.seededRandom());
    byte[] stamp = sealer.stamp("cmd/x", IMAGE);
    for (int fill : new int[] {0x00, 0xFF}) {
      assertThat(guard.inbound("cmd/x", CI, withTag(stamp, 32, fill)))
          .isEqualTo(new PayloadVerdict.Refused(RefusalReason.HMAC_INVALID));
    }
  }

  @Test
  void requireClientBinding_onARequireProtectedRule_isRejectedAtLoad() throws Exception {
    String stamped =
        """
        {"rules": [{"topics": ["cmd/#"], "action": "verify-hmac", "keys": [4],
          "requireClientBinding": true}]}
        """;
    assertThat(PayloadConfig.withKeys(Fixtures.keyset(), "payload.json", utf8(stamped)).hasRules())
        .isTrue();
    String rules =
        """
        {"rules": [{"topics": ["e2e/#"], "action": "require-protected",
          "requireClientBinding": true}]}
        """;
    assertThatThrownBy(() -> PayloadConfig.withKeys(Fixtures.keyset(), "payload.json", utf8(rules)))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems()).hasSize(1);
              assertThat(e.problems().get(0).pointer()).isEqualTo("/rules/0/requireClientBinding");
              assertThat(e.problems().get(0).message())
                  .isEqualTo("only allowed with decrypt, verify-hmac and verify-signature");
            });
  }
}

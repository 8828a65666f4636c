package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.b64;
import static io.mqttguard.payload.Fixtures.key;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.testsupport.MutableClock;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PayloadSealer#openOrVerify}, the CLI's {@code open}: envelopes and the three kinds of
 * stamps, each checked with the keyset the broker uses.
 */
class OpenOrVerifyTest {
  private static final byte[] PAYLOAD = utf8("open");

  private final MutableClock clock = new MutableClock(T0);
  private KeyPair ed;
  private KeyPair ec;
  private Keyset keys;
  private PayloadSealer sealer;

  @BeforeEach
  void setUp() throws Exception {
    ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    ec = g.generateKeyPair();
    String json =
        """
        {"keys": [
          {"id": 1, "algorithm": "AES-256-GCM", "status": "primary", "material": "%s"},
          {"id": 4, "algorithm": "HMAC-SHA256", "status": "primary", "material": "%s"},
          {"id": 5, "algorithm": "HMAC-SHA256", "status": "disabled"},
          {"id": 20, "algorithm": "ED25519", "status": "enabled", "publicKey": "%s",
           "owner": {"username": "dev-1"}},
          {"id": 21, "algorithm": "ECDSA-P256", "status": "enabled", "publicKey": "%s",
           "owner": {"username": "dev-1"}}
        ]}
        """
            .formatted(
                b64(key(1)),
                b64(key(4)),
                b64(ed.getPublic().getEncoded()),
                b64(ec.getPublic().getEncoded()));
    keys = Keyset.parse("keys.json", utf8(json));
    sealer = PayloadSealer.create(keys, clock, Fixtures.seededRandom());
  }

  @Test
  void hmacEd25519AndEcdsaStamps_verify_andYieldThePayloadWithoutTheStamp() throws Exception {
    Opened hmac = sealer.openOrVerify("cmd/door", null, sealer.stamp("cmd/door", PAYLOAD));
    Opened edSigned =
        sealer.openOrVerify(
            "cmd/door", null, PayloadSealer.sign(ed.getPrivate(), 20, "cmd/door", PAYLOAD, clock));
    Opened ecSigned =
        sealer.openOrVerify(
            "cmd/door", null, PayloadSealer.sign(ec.getPrivate(), 21, "cmd/door", PAYLOAD, clock));

    assertThat(hmac.payload()).isEqualTo(PAYLOAD);
    assertThat(hmac.algorithm()).isEqualTo("HMAC-SHA256");
    assertThat(hmac.keyId()).isEqualTo(4);
    assertThat(hmac.encrypted()).isFalse();
    assertThat(edSigned.payload()).isEqualTo(PAYLOAD);
    assertThat(edSigned.algorithm()).isEqualTo("ED25519");
    assertThat(edSigned.keyId()).isEqualTo(20);
    assertThat(ecSigned.payload()).isEqualTo(PAYLOAD);
    assertThat(ecSigned.algorithm()).isEqualTo("ECDSA-P256");
    assertThat(ecSigned.keyId()).isEqualTo(21);
    assertThat(edSigned.encrypted() || ecSigned.encrypted()).isFalse();
  }

  @Test
  void envelope_opens_andIsReportedEncrypted() throws Exception {
    Opened opened = sealer.openOrVerify("s/1", "c1", sealer.sealBound("s/1", "c1", utf8("secret")));

    assertThat(opened.payload()).isEqualTo(utf8("secret"));
    assertThat(opened.algorithm()).isEqualTo("AES-256-GCM");
    assertThat(opened.keyId()).isEqualTo(1);
    assertThat(opened.encrypted()).isTrue();
    byte[] bound = sealer.sealBound("s/1", "c1", utf8("secret"));
    assertReason(
        () -> sealer.openOrVerify("s/1", "c2", bound), RefusalReason.AUTHENTICATION_FAILED);
  }

  @Test
  void stampOnAnotherTopic_orTampered_isRefusedWithTheBrokersReason() throws Exception {
    byte[] hmac = sealer.stamp("cmd/door", PAYLOAD);
    byte[] signed = PayloadSealer.sign(ed.getPrivate(), 20, "cmd/door", PAYLOAD, clock);
    byte[] tampered = signed.clone();
    tampered[tampered.length - 1] ^= 1;

    assertReason(() -> sealer.openOrVerify("cmd/window", null, hmac), RefusalReason.HMAC_INVALID);
    assertReason(
        () -> sealer.openOrVerify("cmd/window", null, signed), RefusalReason.SIGNATURE_INVALID);
    assertReason(
        () -> sealer.openOrVerify("cmd/door", null, tampered), RefusalReason.SIGNATURE_INVALID);
  }

  @Test
  void stampOfAKeyOfAnotherAlgorithm_unknownOrDisabledKey_isRefused() throws Exception {
    byte[] edWithEcdsaId = PayloadSealer.sign(ed.getPrivate(), 21, "cmd/door", PAYLOAD, clock);
    byte[] unknownKey = PayloadSealer.sign(ed.getPrivate(), 99, "cmd/door", PAYLOAD, clock);
    byte[] disabledKey = sealer.stamp("cmd/door", PAYLOAD);
    disabledKey[6] = 5; // key ID 4 -> 5 (HMAC-SHA256, disabled)

    assertReason(
        () -> sealer.openOrVerify("cmd/door", null, edWithEcdsaId),
        RefusalReason.UNKNOWN_ALGORITHM);
    assertReason(
        () -> sealer.openOrVerify("cmd/door", null, unknownKey), RefusalReason.UNKNOWN_KEY);
    assertReason(
        () -> sealer.openOrVerify("cmd/door", null, disabledKey), RefusalReason.KEY_DISABLED);
  }

  @Test
  void notProtected_truncated_orUndefinedAlgorithm_isRefused() throws Exception {
    byte[] truncated = java.util.Arrays.copyOf(sealer.stamp("cmd/door", PAYLOAD), 20);

    assertReason(() -> sealer.openOrVerify("t", null, utf8("plain")), RefusalReason.UNPROTECTED);
    assertReason(() -> sealer.openOrVerify("t", null, new byte[0]), RefusalReason.UNPROTECTED);
    assertReason(() -> sealer.openOrVerify("t", null, new byte[] {1}), RefusalReason.TRUNCATED);
    assertReason(() -> sealer.openOrVerify("cmd/door", null, truncated), RefusalReason.TRUNCATED);
    assertReason(
        () -> sealer.openOrVerify("t", null, new byte[] {1, 0x30, 0, 0, 0, 0, 1}),
        RefusalReason.UNKNOWN_ALGORITHM);
  }

  @Test
  void keysetAlgorithm_namesTheKeysAlgorithm_whateverItsStatus() {
    assertThat(keys.algorithm(1)).isEqualTo("AES-256-GCM");
    assertThat(keys.algorithm(5)).isEqualTo("HMAC-SHA256");
    assertThat(keys.algorithm(21)).isEqualTo("ECDSA-P256");
    assertThat(keys.algorithm(99)).isNull();
    assertThat(keys.algorithm(0)).isNull();
    assertThat(keys.algorithm(1L << 32)).isNull();
  }

  private static void assertReason(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, RefusalReason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PayloadSecurityException.class,
            x -> {
              assertThat(x.reason()).isEqualTo(reason);
              assertThat(x).hasMessage(PayloadSecurityException.MESSAGE);
            });
  }
}

package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.envelope.Header;
import io.mqttguard.testsupport.MutableClock;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client-side sealing and opening (the CLI's seal/open). */
class PayloadSealerTest {
  private final MutableClock clock = new MutableClock(T0);
  private PayloadSealer sealer;

  @BeforeEach
  void setUp() throws Exception {
    sealer = PayloadSealer.create(Fixtures.keyset(), clock, Fixtures.seededRandom());
  }

  @Test
  void sealThenOpen_roundTripsForEveryAeadKey() throws Exception {
    for (long id : new long[] {1, 2, 3}) {
      byte[] e = sealer.withKey(id).seal("sensors/a/data", utf8("x" + id));
      assertThat(sealer.open("sensors/a/data", null, e)).isEqualTo(utf8("x" + id));
    }
    byte[] bound = sealer.sealBound("t", "c1", utf8("b"));
    assertThat(sealer.open("t", "c1", bound)).isEqualTo(utf8("b"));
  }

  @Test
  void seal_freshNonceEveryTime_withTheRealSecureRandom() throws Exception {
    PayloadSealer real =
        PayloadSealer.create(Fixtures.keyset(), clock, new java.security.SecureRandom());
    Set<String> nonces = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      byte[] e = real.seal("t", utf8("same"));
      nonces.add(
          java.util.HexFormat.of().formatHex(e, Header.NONCE_OFFSET, Header.LONG_HEADER_LENGTH));
    }
    assertThat(nonces).hasSize(200);
  }

  @Test
  void open_failuresCarryReasonAndUniformMessage() throws Exception {
    byte[] e = sealer.seal("t/1", utf8("secret"));
    assertThatThrownBy(() -> sealer.open("t/2", null, e))
        .isInstanceOfSatisfying(
            PayloadSecurityException.class,
            x -> {
              assertThat(x.reason()).isEqualTo(RefusalReason.AUTHENTICATION_FAILED);
              assertThat(x).hasMessage(PayloadSecurityException.MESSAGE);
            });
    assertThatThrownBy(() -> sealer.open("t/1", null, new byte[10]))
        .isInstanceOfSatisfying(
            PayloadSecurityException.class,
            x -> assertThat(x.reason()).isEqualTo(RefusalReason.UNPROTECTED));
    byte[] bound = sealer.sealBound("t/1", "c1", utf8("secret"));
    assertThatThrownBy(() -> sealer.open("t/1", null, bound))
        .isInstanceOfSatisfying(
            PayloadSecurityException.class,
            x -> assertThat(x.reason()).isEqualTo(RefusalReason.CLIENT_BINDING_REQUIRED));
    assertThatThrownBy(() -> sealer.open("t/1", "c2", bound))
        .isInstanceOfSatisfying(
            PayloadSecurityException.class,
            x -> assertThat(x.reason()).isEqualTo(RefusalReason.AUTHENTICATION_FAILED));
  }

  @Test
  void seal_withoutPrimaryKey_fails() throws Exception {
    PayloadSealer none = PayloadSealer.create(Keyset.empty(), clock, Fixtures.seededRandom());
    assertThatThrownBy(() -> none.seal("t", utf8("x")))
        .isInstanceOfSatisfying(
            PayloadSecurityException.class,
            x -> assertThat(x.reason()).isEqualTo(RefusalReason.UNKNOWN_KEY));
    assertThatThrownBy(() -> none.stamp("t", utf8("x")))
        .isInstanceOf(PayloadSecurityException.class);
  }

  @Test
  void withKeyOfTheOtherKind_fails_insteadOfFallingBackToThePrimary() throws Exception {
    PayloadSealer hmacChosen = sealer.withKey(4);
    PayloadSealer aeadChosen = sealer.withKey(2);

    assertThatThrownBy(() -> hmacChosen.seal("t", utf8("x")))
        .isInstanceOfSatisfying(
            PayloadSecurityException.class,
            x -> assertThat(x.reason()).isEqualTo(RefusalReason.UNKNOWN_ALGORITHM));
    assertThatThrownBy(() -> hmacChosen.sealBound("t", "c", utf8("x")))
        .isInstanceOfSatisfying(
            PayloadSecurityException.class,
            x -> assertThat(x.reason()).isEqualTo(RefusalReason.UNKNOWN_ALGORITHM));
    assertThatThrownBy(() -> aeadChosen.stamp("t", utf8("x")))
        .isInstanceOfSatisfying(
            PayloadSecurityException.class,
            x -> assertThat(x.reason()).isEqualTo(RefusalReason.UNKNOWN_ALGORITHM));
    assertThat(Header.parse(aeadChosen.seal("t", utf8("x"))).keyId()).isEqualTo(2);
    assertThat(ByteBuffer.wrap(hmacChosen.stamp("t", utf8("x"))).getInt(3)).isEqualTo(4);
  }

  @Test
  void invalidTopicNames_failWithInvalidTopic_forEveryOperation() throws Exception {
    byte[] envelope = sealer.seal("t", utf8("x"));
    java.security.PrivateKey signer =
        java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
    for (String topic : new String[] {"", "a/+", "a/#", "a\u0000b", "a".repeat(65_536)}) {
      java.util.List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> calls =
          java.util.List.of(
              () -> sealer.seal(topic, utf8("x")),
              () -> sealer.sealBound(topic, "c", utf8("x")),
              () -> sealer.stamp(topic, utf8("x")),
              () -> PayloadSealer.sign(signer, 20, topic, utf8("x"), clock),
              () -> sealer.open(topic, null, envelope),
              () -> sealer.openOrVerify(topic, null, envelope));
      for (var call : calls) {
        assertThatThrownBy(call)
            .as("topic of %d chars", topic.length())
            .isInstanceOfSatisfying(
                PayloadSecurityException.class,
                x -> assertThat(x.reason()).isEqualTo(RefusalReason.INVALID_TOPIC));
      }
    }
    assertThat(sealer.open("a".repeat(65_535), null, sealer.seal("a".repeat(65_535), utf8("x"))))
        .isEqualTo(utf8("x"));
  }

  @Test
  void open_withAClientIdLongerThanMqttAllows_isAuthenticationFailed_notACrash() throws Exception {
    byte[] bound = sealer.sealBound("t", "c1", utf8("x"));

    assertThatThrownBy(() -> sealer.open("t", "c".repeat(65_536), bound))
        .isInstanceOfSatisfying(
            PayloadSecurityException.class,
            x -> assertThat(x.reason()).isEqualTo(RefusalReason.AUTHENTICATION_FAILED));
  }
}

package io.mqttguard.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SealerTest {
  private static final long T = 1_795_428_000L;
  private static final byte[] DATA = "21.5".getBytes(StandardCharsets.UTF_8);
  private static final WireKey AES =
      WireKey.symmetric(1, Algorithm.AES_256_GCM, TestKeys.k(1), false);
  private static final WireKey HMAC =
      WireKey.symmetric(4, Algorithm.HMAC_SHA256, TestKeys.k(4), false);
  private final Opener opener = Opener.create();

  private static Sealer sealer(WireKey key) {
    return Sealer.create(key, TestKeys.at(T), new SecureRandom());
  }

  private static String nonce(byte[] sealed) {
    return HexFormat.of().formatHex(sealed, Header.NONCE_OFFSET, Header.LONG_HEADER_LENGTH);
  }

  @Test
  void seal_writesVersion2ByDefault_withAFreshRandomNonceEveryTime() throws Exception {
    Set<String> nonces = new HashSet<>();
    for (WireKey key : new WireKey[] {AES, HMAC}) {
      for (int i = 0; i < 100; i++) {
        byte[] s = sealer(key).seal("sensors/a/data", DATA);
        assertThat(s[0]).isEqualTo((byte) 2);
        assertThat(nonces.add(nonce(s))).isTrue();
      }
    }
  }

  @Test
  void twoStampsOfTheSamePayloadInTheSameSecond_differ_andBothVerify() throws Exception {
    byte[] a = sealer(HMAC).seal("cmd/door", DATA);
    byte[] b = sealer(HMAC).seal("cmd/door", DATA);
    assertThat(a).isNotEqualTo(b);
    assertThat(opener.open(id -> HMAC, "cmd/door", null, a).payload()).isEqualTo(DATA);
    assertThat(opener.open(id -> HMAC, "cmd/door", null, b).payload()).isEqualTo(DATA);
  }

  @Test
  void boundStamp_opensOnlyForItsClientId_andNeedsOne() throws Exception {
    byte[] s = sealer(HMAC).sealBound("cmd/door", "door-1", DATA);
    assertThat(Header.parse(s).clientBound()).isTrue();
    assertThat(opener.open(id -> HMAC, "cmd/door", "door-1", s).payload()).isEqualTo(DATA);
    assertThatThrownBy(() -> opener.open(id -> HMAC, "cmd/door", "door-2", s))
        .hasFieldOrPropertyWithValue("reason", FailureReason.HMAC_INVALID);
    assertThatThrownBy(() -> opener.open(id -> HMAC, "cmd/door", null, s))
        .hasFieldOrPropertyWithValue("reason", FailureReason.CLIENT_BINDING_REQUIRED);
  }

  @Test
  void unboundStamp_opensWhoeverPublishedIt() throws Exception {
    byte[] s = sealer(HMAC).seal("cmd/door", DATA);
    assertThat(Header.parse(s).clientBound()).isFalse();
    assertThat(opener.open(id -> HMAC, "cmd/door", "anyone", s).payload()).isEqualTo(DATA);
  }

  @Test
  void boundEnvelope_failsAuthenticationForAnotherClientId() throws Exception {
    byte[] e = sealer(AES).sealBound("meters/4", "meter-4", DATA);
    assertThat(opener.open(id -> AES, "meters/4", "meter-4", e).payload()).isEqualTo(DATA);
    assertThatThrownBy(() -> opener.open(id -> AES, "meters/4", "meter-5", e))
        .hasFieldOrPropertyWithValue("reason", FailureReason.AUTHENTICATION_FAILED);
  }

  @Test
  void version1_canStillBeSealed_andOpens() throws Exception {
    byte[] e = sealer(AES).withFormatVersion(1).seal("t/x", DATA);
    byte[] s = sealer(HMAC).withFormatVersion(1).seal("t/x", DATA);
    assertThat(e[0]).isEqualTo((byte) 1);
    assertThat(e).hasSize(Header.MIN_ENVELOPE_LENGTH + DATA.length);
    assertThat(s).hasSize(Header.V1_STAMP_HEADER_LENGTH + 32 + DATA.length);
    assertThat(opener.open(id -> AES, "t/x", null, e).header().version()).isEqualTo(1);
    assertThat(opener.open(id -> HMAC, "t/x", null, s).payload()).isEqualTo(DATA);
    assertThat(sealer(AES).withFormatVersion(1).sealBound("t/x", "c", DATA)[2]).isEqualTo((byte) 1);
  }

  @Test
  void version1Stamps_cannotBeBound() {
    Sealer v1 = sealer(HMAC).withFormatVersion(1);
    assertThatThrownBy(() -> v1.sealBound("t/x", "c", DATA))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("version 1 stamps cannot be bound to a client ID");
    assertThatThrownBy(() -> sealer(HMAC).withFormatVersion(3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signatureStamps_v2_verifyWithThePublicKey_andNotAfterATopicChange() throws Exception {
    for (String alg : new String[] {"Ed25519", "EC"}) {
      var pair = KeyPairGenerator.getInstance(alg).generateKeyPair();
      WireKey signing = WireKey.signing(20, pair.getPrivate());
      WireKey verifying = WireKey.verifying(20, signing.algorithm(), pair.getPublic());
      byte[] s = sealer(signing).sealBound("fw/image", "gw-1", DATA);
      assertThat(opener.open(id -> verifying, "fw/image", "gw-1", s).payload()).isEqualTo(DATA);
      assertThatThrownBy(() -> opener.open(id -> verifying, "fw/other", "gw-1", s))
          .hasFieldOrPropertyWithValue("reason", FailureReason.SIGNATURE_INVALID);
      assertThatThrownBy(() -> Sealer.create(verifying, TestKeys.at(T), new SecureRandom()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void invalidTopicsAndClientIds_failWithInvalidTopic() {
    for (String topic : new String[] {"", "a/+", "a/#", "a\0b", "x".repeat(65_536)}) {
      assertThatThrownBy(() -> sealer(AES).seal(topic, DATA))
          .hasFieldOrPropertyWithValue("reason", FailureReason.INVALID_TOPIC)
          .hasMessage(EnvelopeException.MESSAGE);
    }
    assertThatThrownBy(() -> sealer(HMAC).sealBound("t", "c".repeat(65_536), DATA))
        .hasFieldOrPropertyWithValue("reason", FailureReason.INVALID_TOPIC);
  }

  @Test
  void keys_neverShowMaterial_andDestroyedKeysFailClosed() throws Exception {
    byte[] material = TestKeys.k(9);
    WireKey key = WireKey.symmetric(9, Algorithm.HMAC_SHA256, material, false);
    Arrays.fill(material, (byte) 0); // the key holds its own copy
    byte[] s = sealer(key).seal("t", DATA);
    assertThat(key.toString()).isEqualTo("WireKey[9 HMAC-SHA256]");
    key.destroy();
    assertThatThrownBy(() -> opener.open(id -> key, "t", null, s))
        .hasFieldOrPropertyWithValue("reason", FailureReason.HMAC_INVALID);
    assertThatThrownBy(() -> WireKey.symmetric(0, Algorithm.AES_256_GCM, TestKeys.k(1), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WireKey.symmetric(1, Algorithm.AES_256_GCM, new byte[31], false))
        .hasMessage("a AES-256-GCM key must be 32 bytes, not 31");
  }
}

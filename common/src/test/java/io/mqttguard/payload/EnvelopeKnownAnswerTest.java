package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.b64;
import static io.mqttguard.payload.Fixtures.key;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.testsupport.MutableClock;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The known-answer vectors published in docs/payload-envelope.md. They were produced by an
 * independent Python implementation of the document (pyca/cryptography), so these tests check the
 * Java code against the specification, not against itself. These are the version 1 vectors (the
 * sealer writes version 1 here); all vectors of both versions, in {@code
 * docs/payload-vectors.json}, are run by {@code io.mqttguard.envelope.PayloadVectorsTest} in module
 * {@code envelope}.
 */
class EnvelopeKnownAnswerTest {
  static final String V1 =
      "01010000000001000000006b040ea0a0a1a2a3a4a5a6a7a8a9aaab8be013538563e623765466aa23e9defa87e64691";
  static final String V2 =
      "01020101020304000000006b040ea0a0a1a2a3a4a5a6a7a8a9aaab46b3952cceea1794c26b8fc00459196b25c7204eb1";
  static final String V3_KEY = "60a4f3bd390176d92eed9d8cc98ebbc7515554d658e26215267c736824982248";
  static final String V3 =
      "01010000000003000000006b040ea0a0a1a2a3a4a5a6a7a8a9aaabddd9c1612488e1a7aead7e0ceedaa71a";
  static final String V4 =
      "01100000000004000000006b040ea0557e508d26729b58c44ef785fa245369759081113d86d910f973bc92ac463bc26f70656e";
  static final String V5_PUBLIC_KEY =
      "302a300506032b6570032100c99e2b37de93002df68326a785493cd4aa487d1a45fa2117aa105048923bf781";
  static final String V5 =
      "01200000000014000000006b040ea032e8f8003afa4b804dad0557766a24c6eda4f314783dcbde23f6058a10cebea0b8978ee90b6d5a22c9d6db67c7ab5b32835f2ff98c178fe17024b3f5f893a6066669726d776172652d312e322e33";

  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] NONCE = HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaab");

  private final MutableClock clock = new MutableClock(T0);
  private Keyset keys;
  private PayloadSealer sealer;
  private PayloadGuard guard;

  static String katKeysJson() {
    return """
        {"keys": [
          {"id": 1, "algorithm": "AES-256-GCM", "status": "primary", "material": "%s"},
          {"id": 16909060, "algorithm": "CHACHA20-POLY1305", "status": "enabled", "material": "%s"},
          {"id": 3, "algorithm": "AES-256-GCM", "status": "enabled", "material": "%s",
           "derive": "topic"},
          {"id": 4, "algorithm": "HMAC-SHA256", "status": "primary", "material": "%s"},
          {"id": 20, "algorithm": "ED25519", "status": "enabled", "publicKey": "%s",
           "owner": {"username": "ci"}}
        ]}
        """
        .formatted(
            b64(key(1)), b64(key(2)), b64(key(3)), b64(key(4)), b64(HEX.parseHex(V5_PUBLIC_KEY)));
  }

  static String katPayloadJson() {
    return """
        {"rules": [
          {"topics": ["sensors/#"], "action": "decrypt", "keys": [1, 3]},
          {"topics": ["bound/#"], "action": "decrypt", "keys": [16909060],
           "requireClientBinding": true},
          {"topics": ["cmd/#"], "action": "verify-hmac", "keys": [4]},
          {"topics": ["fw/#"], "action": "verify-signature", "keys": [20]}
        ]}
        """;
  }

  @BeforeEach
  void setUp() throws Exception {
    keys = Keyset.parse("keys.json", utf8(katKeysJson()));
    sealer = PayloadSealer.create(keys, clock, new FixedRandom(NONCE)).withFormatVersion(1);
    guard =
        PayloadGuard.create(
            PayloadConfig.withKeys(keys, "payload.json", utf8(katPayloadJson())),
            new Fixtures.RecordingSink(),
            clock);
  }

  @Test
  void v1_aes256gcm_sealsToVectorAndDecrypts() throws Exception {
    assertThat(HEX.formatHex(sealer.seal("sensors/a/data", utf8("21.5")))).isEqualTo(V1);
    assertThat(guard.inbound("sensors/a/data", Fixtures.SENSOR, HEX.parseHex(V1)))
        .isEqualTo(new PayloadVerdict.Replaced(utf8("21.5")));
  }

  @Test
  void v2_chacha20poly1305ClientBound_sealsToVectorAndDecryptsForThatClientOnly() throws Exception {
    byte[] sealed = sealer.withKey(0x01020304L).sealBound("bound/x", "sensor-1", utf8("hello"));
    assertThat(HEX.formatHex(sealed)).isEqualTo(V2);
    assertThat(guard.inbound("bound/x", Fixtures.SENSOR, HEX.parseHex(V2)).delivered()).isTrue();
    ClientIdentity other = ClientIdentity.user("sensor-2", "sensor", Set.of());
    assertThat(guard.inbound("bound/x", other, HEX.parseHex(V2)))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.AUTHENTICATION_FAILED));
  }

  @Test
  void v3_hkdfPerTopicKey_matchesVector() throws Exception {
    assertThat(HEX.formatHex(keys.exportTopicKey(3, "sensors/a/data"))).isEqualTo(V3_KEY);
    assertThat(HEX.formatHex(sealer.withKey(3).seal("sensors/a/data", new byte[0]))).isEqualTo(V3);
    assertThat(guard.inbound("sensors/a/data", Fixtures.SENSOR, HEX.parseHex(V3)))
        .isEqualTo(new PayloadVerdict.Replaced(new byte[0]));
  }

  @Test
  void v3_exportedTopicKey_isTheDerivedKey_onlyForDerivingKeys() {
    assertThat(HEX.formatHex(keys.exportTopicKey(3, "sensors/a/data"))).isEqualTo(V3_KEY);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.exportTopicKey(1, "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(Fixtures.b64(key(1)));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.exportTopicKey(99, "t"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void v4_hmacStamp_matchesVectorAndIsStripped() throws Exception {
    assertThat(HEX.formatHex(sealer.stamp("cmd/door", utf8("open")))).isEqualTo(V4);
    assertThat(guard.inbound("cmd/door", Fixtures.SENSOR, HEX.parseHex(V4)))
        .isEqualTo(new PayloadVerdict.Replaced(utf8("open")));
  }

  @Test
  void v5_ed25519Stamp_matchesVectorAndVerifiesForOwner() throws Exception {
    byte[] pkcs8 = HEX.parseHex("302e020100300506032b657004220420" + HEX.formatHex(key(5)));
    PrivateKey pk =
        KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    byte[] stamped = PayloadSealer.sign(pk, 20, "fw/image", utf8("firmware-1.2.3"), clock);
    assertThat(HEX.formatHex(stamped)).isEqualTo(V5);
    ClientIdentity ci = ClientIdentity.user("ci-runner", "ci", Set.of());
    assertThat(guard.inbound("fw/image", ci, HEX.parseHex(V5)))
        .isEqualTo(new PayloadVerdict.Replaced(utf8("firmware-1.2.3")));
  }
}

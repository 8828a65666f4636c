package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.b64;
import static io.mqttguard.payload.Fixtures.key;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.envelope.Sealer;
import io.mqttguard.envelope.WireKey;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.testsupport.MutableClock;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Format version 2 at the broker: stamps carry a nonce (identical payloads are no longer false
 * replays) and can be bound to the publisher's client ID; {@code requireClientBinding} applies to
 * stamp rules too. Version 1 stays accepted where no binding is required.
 */
class StampV2GuardTest {
  private static final ClientIdentity A = ClientIdentity.user("door-a", "door", Set.of());
  private static final ClientIdentity B = ClientIdentity.user("door-b", "door", Set.of());
  private static final byte[] OPEN = utf8("open");

  private final MutableClock clock = new MutableClock(T0);
  private final Fixtures.RecordingSink audit = new Fixtures.RecordingSink();
  private KeyPair ed;
  private PayloadGuard guard;
  private PayloadSealer sealer;

  @BeforeEach
  void setUp() throws Exception {
    ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String keys =
        """
        {"keys": [
          {"id": 1, "algorithm": "AES-256-GCM", "status": "primary", "material": "%s"},
          {"id": 4, "algorithm": "HMAC-SHA256", "status": "primary", "material": "%s"},
          {"id": 20, "algorithm": "ED25519", "status": "enabled", "publicKey": "%s",
           "owner": {"username": "door"}}
        ]}
        """
            .formatted(b64(key(1)), b64(key(4)), b64(ed.getPublic().getEncoded()));
    String rules =
        """
        {"rules": [
          {"name": "cmd", "topics": ["cmd/#"], "action": "verify-hmac", "keys": [4]},
          {"name": "bound-cmd", "topics": ["bound-cmd/#"], "action": "verify-hmac", "keys": [4],
           "requireClientBinding": true},
          {"name": "fw", "topics": ["fw/#"], "action": "verify-signature", "keys": [20],
           "requireClientBinding": true},
          {"name": "tele", "topics": ["tele/#"], "action": "decrypt", "keys": [1]}
        ]}
        """;
    PayloadConfig config =
        PayloadConfig.parse("keys.json", utf8(keys), "payload.json", utf8(rules));
    guard = PayloadGuard.create(config, audit, clock);
    sealer = PayloadSealer.create(config.keys(), clock, new SecureRandom());
  }

  private RefusalReason refusal(String topic, ClientIdentity who, byte[] payload) {
    return ((PayloadVerdict.Refused) guard.inbound(topic, who, payload)).reason();
  }

  @Test
  void twoIdenticalPayloadsStampedOneSecondApart_areBothAccepted() throws Exception {
    byte[] first = sealer.stamp("cmd/door", OPEN);
    assertThat(guard.inbound("cmd/door", A, first)).isEqualTo(new PayloadVerdict.Replaced(OPEN));
    clock.advance(Duration.ofSeconds(1));
    byte[] second = sealer.stamp("cmd/door", OPEN);
    assertThat(guard.inbound("cmd/door", A, second)).isEqualTo(new PayloadVerdict.Replaced(OPEN));
  }

  @Test
  void twoIdenticalPayloadsStampedInTheSameSecond_areBothAccepted_unlikeVersion1()
      throws Exception {
    assertThat(guard.inbound("cmd/door", A, sealer.stamp("cmd/door", OPEN)).delivered()).isTrue();
    assertThat(guard.inbound("cmd/door", A, sealer.stamp("cmd/door", OPEN)).delivered()).isTrue();
    PayloadSealer v1 = sealer.withFormatVersion(1);
    assertThat(guard.inbound("cmd/door", A, v1.stamp("cmd/door", OPEN)).delivered()).isTrue();
    assertThat(refusal("cmd/door", A, v1.stamp("cmd/door", OPEN)))
        .isEqualTo(RefusalReason.REPLAYED);
  }

  @Test
  void theSameStampSentTwice_isReplayed() throws Exception {
    byte[] stamp = sealer.stamp("cmd/door", OPEN);
    assertThat(guard.inbound("cmd/door", A, stamp).delivered()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(refusal("cmd/door", A, stamp)).isEqualTo(RefusalReason.REPLAYED);
    assertThat(audit.events).hasSize(1);
    assertThat(audit.events.get(0).reasonCode()).isEqualTo("REPLAYED");
  }

  @Test
  void hmacStampBoundToA_isAcceptedFromA_andRefusedFromB() throws Exception {
    byte[] bound = sealer.stampBound("bound-cmd/door", "door-a", OPEN);
    assertThat(refusal("bound-cmd/door", B, bound)).isEqualTo(RefusalReason.HMAC_INVALID);
    assertThat(guard.inbound("bound-cmd/door", A, bound))
        .isEqualTo(new PayloadVerdict.Replaced(OPEN));
    byte[] onUnboundRule = sealer.stampBound("cmd/door", "door-a", OPEN);
    assertThat(refusal("cmd/door", B, onUnboundRule)).isEqualTo(RefusalReason.HMAC_INVALID);
  }

  @Test
  void ruleRequiringBinding_refusesUnboundV2AndEveryV1Stamp() throws Exception {
    assertThat(refusal("bound-cmd/door", A, sealer.stamp("bound-cmd/door", OPEN)))
        .isEqualTo(RefusalReason.CLIENT_BINDING_REQUIRED);
    assertThat(
            refusal("bound-cmd/door", A, sealer.withFormatVersion(1).stamp("bound-cmd/door", OPEN)))
        .isEqualTo(RefusalReason.CLIENT_BINDING_REQUIRED);
  }

  @Test
  void signatureStampBoundToA_isRefusedFromB_evenWithTheOwnersUsername() throws Exception {
    Sealer signer = Sealer.create(WireKey.signing(20, ed.getPrivate()), clock, new SecureRandom());
    byte[] bound = signer.sealBound("fw/image", "door-a", OPEN);
    assertThat(refusal("fw/image", B, bound)).isEqualTo(RefusalReason.SIGNATURE_INVALID);
    assertThat(guard.inbound("fw/image", A, bound)).isEqualTo(new PayloadVerdict.Replaced(OPEN));
    assertThat(refusal("fw/image", A, signer.seal("fw/image", OPEN)))
        .isEqualTo(RefusalReason.CLIENT_BINDING_REQUIRED);
  }

  @Test
  void v2Envelopes_identicalPlaintextsBothDelivered_copyReplayed_boundOnlyFromItsClient()
      throws Exception {
    byte[] first = sealer.seal("tele/x", OPEN);
    assertThat(first[0]).isEqualTo((byte) 2);
    assertThat(guard.inbound("tele/x", A, first)).isEqualTo(new PayloadVerdict.Replaced(OPEN));
    assertThat(guard.inbound("tele/x", A, sealer.seal("tele/x", OPEN)).delivered()).isTrue();
    assertThat(refusal("tele/x", A, first)).isEqualTo(RefusalReason.REPLAYED);
    byte[] bound = sealer.sealBound("tele/x", "door-a", OPEN);
    assertThat(refusal("tele/x", B, bound)).isEqualTo(RefusalReason.AUTHENTICATION_FAILED);
    assertThat(guard.inbound("tele/x", A, bound).delivered()).isTrue();
  }
}

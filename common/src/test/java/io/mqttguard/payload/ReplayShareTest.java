package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.T0;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.audit.AuditEvent;
import io.mqttguard.config.ConfigException;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.testsupport.MutableClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One publisher cannot fill the replay cache for everyone: each holds at most its share. */
class ReplayShareTest {
  private static final String TOPIC = "sensors/a/data";
  private static final ClientIdentity CLIENT_A =
      ClientIdentity.user("client-a", "user-a", Set.of("sensor"));
  private static final ClientIdentity CLIENT_B =
      ClientIdentity.user("client-b", "user-b", Set.of("sensor"));

  private final MutableClock clock = new MutableClock(T0);
  private final Fixtures.RecordingSink audit = new Fixtures.RecordingSink();
  private PayloadSealer sealer;
  private PayloadGuard guard;

  @BeforeEach
  void setUp() throws Exception {
    guard = PayloadGuard.create(config(10, 64, 4), audit, clock);
    sealer = PayloadSealer.create(Fixtures.keyset(), clock, Fixtures.seededRandom());
  }

  private static PayloadConfig config(int window, int cacheSize, int perPublisher)
      throws ConfigException {
    String json =
        """
        {"replay": {"windowSeconds": %d, "cacheSize": %d, "maxPerPublisher": %d},
         "rules": [{"name": "telemetry", "topics": ["sensors/#"], "action": "decrypt",
                    "keys": [1]}]}
        """
            .formatted(window, cacheSize, perPublisher);
    return PayloadConfig.withKeys(Fixtures.keyset(), "payload.json", utf8(json));
  }

  private PayloadVerdict publish(ClientIdentity who) throws Exception {
    return guard.inbound(TOPIC, who, sealer.seal(TOPIC, utf8("21.5")));
  }

  @Test
  void publisherOverItsShare_isRefused_otherPublisherStillAccepted() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertThat(publish(CLIENT_A).delivered()).isTrue();
    }

    assertThat(publish(CLIENT_A))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAY_QUOTA_EXCEEDED));
    assertThat(publish(CLIENT_B).delivered()).isTrue();
    assertThat(audit.events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reasonCode()).isEqualTo("REPLAY_QUOTA_EXCEEDED");
              assertThat(e.clientId()).isEqualTo("client-a");
              assertThat(e.decidedBy()).isEqualTo("payload:telemetry");
            });
  }

  @Test
  void quotaExceeded_isAnsweredWithQuotaExceeded() {
    assertThat(RefusalReason.REPLAY_QUOTA_EXCEEDED.ackCode())
        .isEqualTo(PublishAckCode.QUOTA_EXCEEDED);
    assertThat(RefusalReason.REPLAY_QUOTA_EXCEEDED.mqtt5ReasonCode()).isEqualTo(0x97);
  }

  @Test
  void publisherOverItsShare_recoversOnceItsEntriesExpire() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertThat(publish(CLIENT_A).delivered()).isTrue();
    }
    clock.advance(Duration.ofSeconds(10)); // entries live while now <= ts + window
    assertThat(publish(CLIENT_A))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAY_QUOTA_EXCEEDED));

    clock.advance(Duration.ofSeconds(3)); // past the window and its 2-s accounting bucket

    assertThat(publish(CLIENT_A).delivered()).isTrue();
  }

  @Test
  void rotatingClientIds_underOneUsername_sharesOneQuota() throws Exception {
    for (int i = 0; i < 4; i++) {
      ClientIdentity rotated = ClientIdentity.user("client-a-" + i, "user-a", Set.of("sensor"));
      assertThat(publish(rotated).delivered()).isTrue();
    }

    ClientIdentity fresh = ClientIdentity.user("client-a-new", "user-a", Set.of("sensor"));
    assertThat(publish(fresh))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAY_QUOTA_EXCEEDED));
  }

  @Test
  void anonymousPublishers_areCountedPerClientId() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertThat(publish(ClientIdentity.anonymous("anon-1")).delivered()).isTrue();
    }

    assertThat(publish(ClientIdentity.anonymous("anon-1")))
        .isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAY_QUOTA_EXCEEDED));
    assertThat(publish(ClientIdentity.anonymous("anon-2")).delivered()).isTrue();
  }

  @Test
  void replayedMessage_doesNotUseUpTheShare() throws Exception {
    byte[] once = sealer.seal(TOPIC, utf8("21.5"));
    assertThat(guard.inbound(TOPIC, CLIENT_A, once).delivered()).isTrue();
    for (int i = 0; i < 10; i++) {
      assertThat(guard.inbound(TOPIC, CLIENT_A, once))
          .isEqualTo(new PayloadVerdict.Refused(RefusalReason.REPLAYED));
    }

    for (int i = 0; i < 3; i++) {
      assertThat(publish(CLIENT_A).delivered()).isTrue();
    }
  }

  @Test
  void quotaRefusals_areAuditedRateLimited() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertThat(publish(CLIENT_A).delivered()).isTrue();
    }
    for (int i = 0; i < 100; i++) {
      assertThat(publish(CLIENT_A).delivered()).isFalse();
    }
    assertThat(audit.events).hasSize(DefaultPayloadGuard.QUOTA_AUDIT_BURST);

    clock.advance(Duration.ofSeconds(1));
    assertThat(publish(CLIENT_A).delivered()).isFalse();

    AuditEvent last = audit.events.get(audit.events.size() - 1);
    assertThat(last.details()).containsEntry("suppressedBefore", "80");
  }

  @Test
  void defaultShare_isTenPercentOfTheCache() throws Exception {
    String json = "{\"replay\": {\"cacheSize\": 1000}, \"rules\": []}";
    PayloadConfig c = PayloadConfig.withKeys(Fixtures.keyset(), "payload.json", utf8(json));
    assertThat(c.replayPerPublisher()).isEqualTo(100);
    assertThat(PayloadConfig.empty().replayPerPublisher()).isEqualTo(301_000);
  }

  @Test
  void shareLargerThanTheCache_isAConfigErrorWithPointer() {
    assertThatThrownBy(() -> config(10, 64, 65))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> {
                          assertThat(p.pointer()).isEqualTo("/replay/maxPerPublisher");
                          assertThat(p.message()).contains("cacheSize");
                        }));
  }

  @Test
  void trackedPublishers_areBounded_newOnesRefusedUntilOldOnesExpire() {
    PublisherShares shares = new PublisherShares(10, 10, 2);
    long now = 1_000;
    assertThat(shares.reserve(ClientIdentity.anonymous("p1"), now + 10, now)).isNull();
    assertThat(shares.reserve(ClientIdentity.anonymous("p2"), now + 10, now)).isNull();

    assertThat(shares.reserve(ClientIdentity.anonymous("p3"), now + 10, now))
        .isEqualTo(RefusalReason.REPLAY_CACHE_FULL);
    assertThat(shares.reserve(ClientIdentity.anonymous("p1"), now + 10, now)).isNull();
    assertThat(shares.tracked()).isEqualTo(2);

    long later = now + 13;
    assertThat(shares.reserve(ClientIdentity.anonymous("p3"), later + 10, later)).isNull();
    assertThat(shares.tracked()).isEqualTo(1);
    assertThat(shares.live(ClientIdentity.anonymous("p1"), later)).isZero();
  }

  @Test
  void release_givesTheReservationBack() {
    PublisherShares shares = new PublisherShares(1, 10, 8);
    ClientIdentity p = ClientIdentity.anonymous("p");
    assertThat(shares.reserve(p, 110, 100)).isNull();
    assertThat(shares.reserve(p, 110, 100)).isEqualTo(RefusalReason.REPLAY_QUOTA_EXCEEDED);

    shares.release(p, 110);

    assertThat(shares.reserve(p, 110, 100)).isNull();
  }
}

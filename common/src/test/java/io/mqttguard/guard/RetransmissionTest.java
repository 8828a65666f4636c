package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.login;
import static io.mqttguard.guard.ConfigDir.session;
import static io.mqttguard.guard.PayloadFacadeTest.refusal;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.payload.PayloadVerdict;
import io.mqttguard.payload.RefusalReason;
import io.mqttguard.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retransmission rule for protected QoS 1/2 messages: a DUP=1 resend under the same packet ID
 * by the same client session (across reconnects of a persistent session) is acknowledged and not
 * delivered again; the same bytes in any other context are a replay.
 */
class RetransmissionTest {
  static final String TOPIC = "plant/secure/door";
  static final Duration PERSISTENT = Duration.ofHours(1);

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @SuppressWarnings("NullAway.Init")
  ConfigDir c;

  @BeforeEach
  void setUp() throws Exception {
    c = new ConfigDir(tmp);
    c.write("keys.json", PayloadFacadeTest.KEYS);
    c.write("payload.json", PayloadFacadeTest.PAYLOAD);
    c.write(
        "users.json",
        """
        {"users": {
          "alice": {"password": "%s", "roles": ["operator"]},
          "carol": {"password": "%s", "roles": ["operator"]}
        }}
        """
            .formatted(ConfigDir.ALICE_HASH, ConfigDir.ALICE_HASH));
  }

  byte[] seal(String text) throws Exception {
    return PayloadSealer.create(
            Keyset.parse("keys.json", PayloadFacadeTest.KEYS.getBytes(UTF_8)),
            c.clock,
            ConfigDir.RANDOM)
        .seal(TOPIC, text.getBytes(UTF_8));
  }

  /** Connects {@code user} as {@code clientId}, as the broker confirms it. */
  ClientSession connected(Guard g, String clientId, String user, boolean cleanStart)
      throws Exception {
    ClientSession s = session(connect(g, login(clientId, user, "alice-pw")));
    s.connected(cleanStart);
    return s;
  }

  @Test
  void dupResendWithSamePacketId_afterReconnectOfPersistentSession_isARetransmission()
      throws Exception {
    try (Guard g = Guard.open(c.options())) {
      byte[] sealed = seal("unlock");
      ClientSession first = connected(g, "door-1", "alice", false);
      assertThat(first.inbound(TOPIC, 1, false, sealed, 7, false).delivered()).isTrue();
      first.close(PERSISTENT); // PUBACK lost with the connection
      ClientSession again = connected(g, "door-1", "alice", false);
      InboundPublish resent = again.inbound(TOPIC, 1, false, sealed, 7, true);
      assertThat(resent).isInstanceOf(InboundPublish.Retransmission.class);
      assertThat(resent.delivered()).isFalse();
      assertThat(resent.decision().allowed()).isTrue();
      assertThat(again.inbound(TOPIC, 1, false, sealed, 7, true))
          .as("every further resend too")
          .isInstanceOf(InboundPublish.Retransmission.class);
    }
  }

  @Test
  void qos2DupResend_onTheSameConnection_isARetransmission() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      byte[] sealed = seal("unlock");
      ClientSession s = connected(g, "door-1", "alice", false);
      assertThat(s.inbound(TOPIC, 2, false, sealed, 9, false).delivered()).isTrue();
      assertThat(s.inbound(TOPIC, 2, false, sealed, 9, true))
          .isInstanceOf(InboundPublish.Retransmission.class);
    }
  }

  @Test
  void keptStamp_dupResendWithSamePacketId_isARetransmission_withoutDupAReplay() throws Exception {
    String keys = PayloadFacadeTest.HMAC_KEYS;
    c.write("keys.json", keys);
    c.write("payload.json", PayloadFacadeTest.KEPT_STAMP_PAYLOAD);
    try (Guard g = Guard.open(c.options())) {
      byte[] stamped =
          PayloadSealer.create(
                  Keyset.parse("keys.json", keys.getBytes(UTF_8)), c.clock, ConfigDir.RANDOM)
              .stamp(TOPIC, "unlock".getBytes(UTF_8));
      ClientSession first = connected(g, "door-k", "alice", false);
      assertThat(first.inbound(TOPIC, 1, false, stamped, 7, false))
          .isInstanceOfSatisfying(
              InboundPublish.Checked.class,
              checked ->
                  assertThat(checked.payload()).isSameAs(PayloadVerdict.PassThrough.VERIFIED));
      first.close(PERSISTENT); // PUBACK lost with the connection
      ClientSession again = connected(g, "door-k", "alice", false);
      assertThat(again.inbound(TOPIC, 1, false, stamped, 7, true))
          .isInstanceOf(InboundPublish.Retransmission.class);
      assertThat(refusal(again.inbound(TOPIC, 1, false, stamped, 7, false)))
          .isEqualTo(RefusalReason.REPLAYED);
    }
  }

  @Test
  void sameBytes_withoutDup_orOtherPacketId_orOtherQos_areReplays() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      byte[] sealed = seal("unlock");
      ClientSession s = connected(g, "door-1", "alice", false);
      assertThat(s.inbound(TOPIC, 1, false, sealed, 7, false).delivered()).isTrue();
      assertThat(refusal(s.inbound(TOPIC, 1, false, sealed, 7, false)))
          .isEqualTo(RefusalReason.REPLAYED);
      assertThat(refusal(s.inbound(TOPIC, 1, false, sealed, 8, true)))
          .isEqualTo(RefusalReason.REPLAYED);
      assertThat(refusal(s.inbound(TOPIC, 2, false, sealed, 7, true)))
          .isEqualTo(RefusalReason.REPLAYED);
      assertThat(refusal(s.inbound(TOPIC, 1, true, sealed, 7, true)))
          .isEqualTo(RefusalReason.REPLAYED);
      assertThat(refusal(s.inbound(TOPIC, 1, false, sealed)))
          .as("without packet identity")
          .isEqualTo(RefusalReason.REPLAYED);
    }
  }

  @Test
  void sameBytes_fromAnotherClientId_areReplays() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      byte[] sealed = seal("unlock");
      ClientSession alice = connected(g, "door-1", "alice", false);
      assertThat(alice.inbound(TOPIC, 1, false, sealed, 7, false).delivered()).isTrue();
      ClientSession other = connected(g, "door-2", "alice", false);
      assertThat(refusal(other.inbound(TOPIC, 1, false, sealed, 7, true)))
          .isEqualTo(RefusalReason.REPLAYED);
    }
  }

  @Test
  void recordsOfOneIdentity_doNotApplyToAnotherIdentityWithTheSameClientId() {
    var clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    AcceptedPublishes store = new AcceptedPublishes(10, clock);
    var alice = io.mqttguard.identity.ClientIdentity.user("door-1", "alice", java.util.Set.of());
    var carol = io.mqttguard.identity.ClientIdentity.user("door-1", "carol", java.util.Set.of());
    byte[] p = {1, 2, 3};
    store.accepted(alice, 7, 1, false, TOPIC, p);
    assertThat(store.isRetransmission(carol, 7, 1, false, TOPIC, p)).isFalse();
    store.started(carol, false);
    assertThat(store.size()).as("another identity took the client ID").isZero();
    assertThat(store.isRetransmission(alice, 7, 1, false, TOPIC, p)).isFalse();
  }

  @Test
  void cleanStart_orSessionExpiryZero_orExpiredSession_forgetsAcceptedMessages() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      byte[] one = seal("one");
      ClientSession s = connected(g, "door-1", "alice", false);
      assertThat(s.inbound(TOPIC, 1, false, one, 1, false).delivered()).isTrue();
      s.close(PERSISTENT);
      ClientSession clean = connected(g, "door-1", "alice", true);
      assertThat(refusal(clean.inbound(TOPIC, 1, false, one, 1, true)))
          .isEqualTo(RefusalReason.REPLAYED);

      byte[] two = seal("two");
      assertThat(clean.inbound(TOPIC, 1, false, two, 2, false).delivered()).isTrue();
      clean.close(Duration.ZERO);
      ClientSession next = connected(g, "door-1", "alice", false);
      assertThat(refusal(next.inbound(TOPIC, 1, false, two, 2, true)))
          .isEqualTo(RefusalReason.REPLAYED);

      byte[] three = seal("three");
      assertThat(next.inbound(TOPIC, 1, false, three, 3, false).delivered()).isTrue();
      next.close(Duration.ofSeconds(5));
      c.clock.advance(Duration.ofSeconds(6));
      ClientSession late = connected(g, "door-1", "alice", false);
      assertThat(refusal(late.inbound(TOPIC, 1, false, three, 3, true)))
          .as("the session expired: its records went with it")
          .isIn(RefusalReason.REPLAYED, RefusalReason.TIMESTAMP_EXPIRED);
    }
  }

  @Test
  void newMessageUnderAReusedPacketId_replacesTheRecord() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      byte[] first = seal("first");
      byte[] second = seal("second");
      ClientSession s = connected(g, "door-1", "alice", false);
      assertThat(s.inbound(TOPIC, 1, false, first, 5, false).delivered()).isTrue();
      assertThat(s.inbound(TOPIC, 1, false, second, 5, false).delivered()).isTrue();
      assertThat(s.inbound(TOPIC, 1, false, second, 5, true))
          .isInstanceOf(InboundPublish.Retransmission.class);
      assertThat(refusal(s.inbound(TOPIC, 1, false, first, 5, true)))
          .isEqualTo(RefusalReason.REPLAYED);
    }
  }

  @Test
  void deniedPublisher_isDenied_evenForARetransmission() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      byte[] sealed = seal("unlock");
      ClientSession s = connected(g, "door-1", "alice", false);
      assertThat(s.inbound(TOPIC, 1, false, sealed, 7, false).delivered()).isTrue();
      s.close(PERSISTENT);
      c.write("acl.json", ConfigDir.ACL.replace("plant/#", "other/#"));
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Applied.class);
      ClientSession again = connected(g, "door-1", "alice", false);
      assertThat(again.inbound(TOPIC, 1, false, sealed, 7, true))
          .isInstanceOf(InboundPublish.Denied.class);
    }
  }

  @Test
  void store_isBoundedGlobally_andRefusesToRecordWhenFull() {
    var clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    AcceptedPublishes store = new AcceptedPublishes(2, clock);
    var alice = io.mqttguard.identity.ClientIdentity.user("a", "alice", java.util.Set.of());
    byte[] p = {1, 2, 3};
    store.accepted(alice, 1, 1, false, "t", p);
    store.accepted(alice, 2, 1, false, "t", p);
    store.accepted(alice, 3, 1, false, "t", p);
    assertThat(store.size()).isEqualTo(2);
    assertThat(store.isRetransmission(alice, 3, 1, false, "t", p)).isFalse();
    store.accepted(alice, 2, 1, false, "t", new byte[] {9});
    assertThat(store.size()).as("a reused packet ID replaces").isEqualTo(2);
    store.ended(alice, Duration.ZERO);
    assertThat(store.size()).isZero();
  }
}

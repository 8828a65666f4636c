package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.login;
import static io.mqttguard.guard.ConfigDir.session;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.acl.Decision;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.payload.RefusalReason;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClientSession#will} and {@link ClientSession#recheckWill}: one will rule for all brokers.
 */
class WillVerdictTest {
  static final String PAYLOAD_RULES =
      """
      {"rules": [{"topics": ["plant/secure/#"], "action": "decrypt", "keys": [1]}]}
      """;
  static final String NO_RULES = "{\"rules\": []}\n";

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @SuppressWarnings("NullAway.Init")
  ConfigDir c;

  @BeforeEach
  void setUp() throws Exception {
    c = new ConfigDir(tmp);
    c.write("keys.json", PayloadFacadeTest.KEYS);
    c.write("payload.json", PAYLOAD_RULES);
  }

  byte[] seal(String topic, String text) throws Exception {
    return PayloadSealer.create(
            Keyset.parse("keys.json", PayloadFacadeTest.KEYS.getBytes(UTF_8)),
            c.clock,
            ConfigDir.RANDOM)
        .seal(topic, text.getBytes(UTF_8));
  }

  ClientSession alice(Guard g) throws Exception {
    return session(connect(g, login("a1", "alice", "alice-pw")));
  }

  @Test
  void will_plainPayloadOnAllowedTopic_isAllowedUnchangedOnEveryBroker() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      for (WillPayloads capability : WillPayloads.values()) {
        WillVerdict v = alice(g).will("plant/status", 1, true, "gone".getBytes(UTF_8), capability);
        assertThat(v).isInstanceOf(WillVerdict.Allowed.class);
        AcceptedWill w = ((WillVerdict.Allowed) v).will();
        assertThat(new String(w.payload(), UTF_8)).isEqualTo("gone");
        assertThat(w.topic()).isEqualTo("plant/status");
        assertThat(w.qos()).isEqualTo(1);
        assertThat(w.retain()).isTrue();
        assertThat(w.toString()).doesNotContain("gone");
      }
    }
  }

  @Test
  void will_onTopicTheClientMayNotPublish_isDeniedWithTheAclDecision() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      WillVerdict v =
          alice(g).will("other/x", 0, false, "gone".getBytes(UTF_8), WillPayloads.REPLACEABLE);
      assertThat(v).isInstanceOf(WillVerdict.Denied.class);
      assertThat(((WillVerdict.Denied) v).decision().basis())
          .isEqualTo(Decision.Basis.NO_MATCHING_RULE);
      assertThat(v.allowed()).isFalse();
      assertThat(v.auditDetail()).contains("other/x");
    }
  }

  @Test
  void will_sealedPayload_isStoredDecryptedWhereTheBrokerCanReplaceIt() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      byte[] sealed = seal("plant/secure/w", "bye");
      WillVerdict v = alice(g).will("plant/secure/w", 1, false, sealed, WillPayloads.REPLACEABLE);
      assertThat(v).isInstanceOf(WillVerdict.Allowed.class);
      assertThat(new String(((WillVerdict.Allowed) v).will().payload(), UTF_8)).isEqualTo("bye");
    }
  }

  @Test
  void will_sealedPayload_isUnreplaceableWhereTheBrokerPublishesWillsAsSent() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      byte[] sealed = seal("plant/secure/w", "bye");
      WillVerdict v =
          alice(g).will("plant/secure/w", 1, false, sealed, WillPayloads.PASS_THROUGH_ONLY);
      assertThat(v).isEqualTo(new WillVerdict.Unreplaceable("plant/secure/w"));
      assertThat(v.auditDetail()).contains("cannot replace a will payload");
    }
  }

  @Test
  void will_plainPayloadOnProtectedTopic_isRefusedWithThePayloadReason() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      WillVerdict v =
          alice(g)
              .will("plant/secure/w", 0, false, "plain".getBytes(UTF_8), WillPayloads.REPLACEABLE);
      assertThat(v).isEqualTo(new WillVerdict.Refused(RefusalReason.UNPROTECTED));
    }
  }

  @Test
  void will_beyondTopicLimits_isDenied() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      String deep = "plant" + "/x".repeat(3000);
      WillVerdict v = alice(g).will(deep, 0, false, new byte[1], WillPayloads.REPLACEABLE);
      assertThat(v).isInstanceOf(WillVerdict.Denied.class);
      assertThat(((WillVerdict.Denied) v).decision().basis())
          .isEqualTo(Decision.Basis.INVALID_REQUEST);
    }
  }

  @Test
  void recheckWill_protectedWill_isNotVerifiedAgain_soItIsNoReplay() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      ClientSession a = alice(g);
      WillVerdict v =
          a.will(
              "plant/secure/w", 1, false, seal("plant/secure/w", "bye"), WillPayloads.REPLACEABLE);
      AcceptedWill w = ((WillVerdict.Allowed) v).will();
      assertThat(a.recheckWill(w)).isEqualTo(new WillVerdict.Allowed(w));
      assertThat(a.recheckWill(w).allowed()).isTrue(); // twice: still no replay refusal
    }
  }

  @Test
  void recheckWill_willWithAKeptStamp_isNotVerifiedAgain_soItIsNoReplay() throws Exception {
    String keys = PayloadFacadeTest.HMAC_KEYS;
    c.write("keys.json", keys);
    c.write("payload.json", PayloadFacadeTest.KEPT_STAMP_PAYLOAD);
    try (Guard g = Guard.open(c.options())) {
      ClientSession a = alice(g);
      PayloadSealer sealer =
          PayloadSealer.create(
              Keyset.parse("keys.json", keys.getBytes(UTF_8)), c.clock, ConfigDir.RANDOM);
      for (WillPayloads capability : WillPayloads.values()) {
        byte[] stamped = sealer.stamp("plant/secure/w", b("bye")); // a fresh stamp per will
        AcceptedWill w = allowed(a.will("plant/secure/w", 1, false, stamped.clone(), capability));
        assertThat(w.payload()).isEqualTo(stamped); // kept as sent
        assertThat(a.recheckWill(w)).isEqualTo(new WillVerdict.Allowed(w));
        assertThat(a.recheckWill(w).allowed()).isTrue(); // twice: still no replay refusal
      }
    }
  }

  @Test
  void recheckWill_afterReloadRemovingTheRight_isDenied() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      ClientSession a = alice(g);
      AcceptedWill w =
          allowed(a.will("plant/status", 0, false, b("gone"), WillPayloads.REPLACEABLE));
      c.write("acl.json", ConfigDir.ACL.replace("plant/#", "plant/other/#"));
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Applied.class);
      assertThat(a.recheckWill(w)).isInstanceOf(WillVerdict.Denied.class);
    }
  }

  @Test
  void recheckWill_plainWillOnTopicThatGotAPayloadRule_isRefused() throws Exception {
    c.write("payload.json", NO_RULES);
    try (Guard g = Guard.open(c.options())) {
      ClientSession a = alice(g);
      for (WillPayloads capability : WillPayloads.values()) {
        AcceptedWill w = allowed(a.will("plant/secure/w", 0, false, b("plain"), capability));
        assertThat(a.recheckWill(w).allowed()).isTrue();
      }
      c.write("payload.json", PAYLOAD_RULES);
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Applied.class);
      for (WillPayloads capability : WillPayloads.values()) {
        WillVerdict before = a.recheckWill(allowedUnder(capability));
        assertThat(before).isEqualTo(new WillVerdict.Refused(RefusalReason.UNPROTECTED));
      }
    }
  }

  @Test
  void recheckWill_sealedWillAcceptedUnchanged_isUnreplaceableOnceARuleWouldReplaceIt()
      throws Exception {
    c.write("payload.json", NO_RULES);
    try (Guard g = Guard.open(c.options())) {
      ClientSession a = alice(g);
      byte[] sealed = seal("plant/secure/w", "bye");
      AcceptedWill w =
          allowed(a.will("plant/secure/w", 0, false, sealed, WillPayloads.PASS_THROUGH_ONLY));
      c.write("payload.json", PAYLOAD_RULES);
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Applied.class);
      assertThat(a.recheckWill(w)).isEqualTo(new WillVerdict.Unreplaceable("plant/secure/w"));
    }
  }

  @Test
  void recheckWill_closedSession_isDenied() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      ClientSession a = alice(g);
      AcceptedWill w =
          allowed(a.will("plant/status", 0, false, b("gone"), WillPayloads.REPLACEABLE));
      a.close(Duration.ZERO);
      assertThat(a.recheckWill(w)).isInstanceOf(WillVerdict.Denied.class);
    }
  }

  private AcceptedWill allowedUnder(WillPayloads capability) {
    return new AcceptedWill("plant/secure/w", 0, false, b("plain"), 5, false, capability);
  }

  private static AcceptedWill allowed(WillVerdict v) {
    assertThat(v).isInstanceOf(WillVerdict.Allowed.class);
    return ((WillVerdict.Allowed) v).will();
  }

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }
}

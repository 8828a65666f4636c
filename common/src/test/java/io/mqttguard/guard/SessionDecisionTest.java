package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.login;
import static io.mqttguard.guard.ConfigDir.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions of a live session against the snapshot in force. */
class SessionDecisionTest {
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @Test
  void publishSubscribeReceive_followTheCompiledPolicy_andDenialsAreCounted() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      ClientSession bob = session(connect(g, login("b1", "bob", "bob-pw")));
      assertThat(alice.publish("plant/line-1/temp", 1, false, 10).allowed()).isTrue();
      assertThat(alice.subscribe("plant/#", 1).allowed()).isTrue();
      assertThat(alice.receive("plant/line-1/temp").allowed()).isTrue();
      assertThat(bob.publish("sensors/bob/temp", 0, false, 10).allowed()).isTrue();
      assertThat(bob.publish("sensors/alice/temp", 0, false, 10).allowed()).isFalse();
      assertThat(bob.subscribe("plant/#", 0).allowed()).isFalse();
      assertThat(bob.receive("plant/line-1/temp").allowed()).isFalse();
      assertThat(g.metrics().count(GuardMetric.PUBLISH_DENIED)).isEqualTo(1);
      assertThat(g.metrics().count(GuardMetric.SUBSCRIBE_DENIED)).isEqualTo(1);
      assertThat(g.metrics().count(GuardMetric.RECEIVE_DENIED)).isEqualTo(1);
    }
  }

  @Test
  void denials_areAudited_withABudgetPerSession() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession bob = session(connect(g, login("b1", "bob", "bob-pw")));
      assertThat(bob.subscribe("plant/#", 0).allowed()).isFalse();
      assertThat(c.events("subscribe"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.outcome()).isEqualTo("deny");
                assertThat(e.clientId()).isEqualTo("b1");
                assertThat(e.username()).isEqualTo("bob");
                assertThat(e.details()).containsEntry("topic", "plant/#");
              });
      for (int i = 0; i < 100; i++) {
        var unused = bob.publish("plant/x", 0, false, 1);
      }
      assertThat(c.events("publish")).hasSize(AuditBudget.BURST - 1);
      assertThat(g.metrics().count(GuardMetric.PUBLISH_DENIED)).isEqualTo(100);
      c.clock.advance(Duration.ofSeconds(1));
      var unused = bob.publish("plant/x", 0, false, 1);
      assertThat(c.events("publish").get(AuditBudget.BURST - 1).details())
          .containsEntry("suppressedBefore", Integer.toString(100 - AuditBudget.BURST + 1));
    }
  }

  @Test
  void hostileInput_isDeniedNeverThrown() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      for (String t : new String[] {"", "plant/+", "plant/#", "plant/\u0000", "#", "$share/g"}) {
        assertThat(alice.publish(t, 0, false, 1).allowed()).as(t).isFalse();
      }
      assertThat(alice.subscribe("plant/#/x", 0).allowed()).isFalse();
      assertThat(alice.publish("plant/x", 7, false, -1).allowed()).isFalse();
    }
  }

  @Test
  void aclChange_appliesToLiveSessionsWithoutRevokingThem() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      assertThat(alice.publish("plant/a", 0, false, 1).allowed()).isTrue();
      c.write("acl.json", ConfigDir.ACL.replace("plant/#", "factory/#"));
      assertThat(g.reload())
          .isInstanceOfSatisfying(
              ReloadOutcome.Applied.class, a -> assertThat(a.revokedSessions()).isZero());
      assertThat(alice.publish("plant/a", 0, false, 1).allowed()).isFalse();
      assertThat(alice.publish("factory/a", 0, false, 1).allowed()).isTrue();
      assertThat(alice.revoked()).isFalse();
    }
  }

  @Test
  void revokedOrClosedSession_deniesEverything() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      ClientSession alice2 = session(connect(g, login("a2", "alice", "alice-pw")));
      c.write("users.json", ConfigDir.USERS.replace("\"alice\"", "\"alicia\""));
      var unused = g.reload();
      alice2.close(Duration.ZERO);
      for (ClientSession s : new ClientSession[] {alice, alice2}) {
        assertThat(s.revoked()).isTrue();
        assertThat(s.publish("plant/a", 0, false, 1).allowed()).isFalse();
        assertThat(s.subscribe("plant/a", 0).allowed()).isFalse();
        assertThat(s.receive("plant/a").allowed()).isFalse();
        assertThat(s.inbound("plant/a", 0, false, new byte[1]))
            .isInstanceOf(InboundPublish.Denied.class);
      }
    }
  }

  @Test
  void roleRemovedFromAcl_isALoadErrorWhileUsersStillNameIt() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      c.write("acl.json", "{\"roles\": {\"operator\": {\"rules\": []}}}");
      assertThat(g.reload())
          .isInstanceOfSatisfying(
              ReloadOutcome.Rejected.class,
              r -> assertThat(r.problems().getMessage()).contains("users.json", "sensor"));
    }
  }
}

package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.login;
import static io.mqttguard.guard.ConfigDir.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadTest {
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @Test
  void reload_nothingChanged_isUnchanged() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Unchanged.class);
      assertThat(g.snapshot().generation()).isEqualTo(1);
    }
  }

  @Test
  void reload_validChange_appliesNewSnapshotAtOnce() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      c.write("users.json", ConfigDir.USERS.replace("\"bob\"", "\"carol\""));
      ReloadOutcome r = g.reload();
      assertThat(r).isInstanceOf(ReloadOutcome.Applied.class);
      assertThat(g.snapshot().generation()).isEqualTo(2);
      assertThat(connect(g, login("b1", "bob", "bob-pw")))
          .isInstanceOf(ConnectOutcome.Rejected.class);
      assertThat(connect(g, login("c1", "carol", "bob-pw")))
          .isInstanceOf(ConnectOutcome.Accepted.class);
      assertThat(g.metrics().count(GuardMetric.RELOAD_SUCCESS)).isEqualTo(1);
      assertThat(c.events("reload"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.outcome()).isEqualTo("allow");
                assertThat(e.details()).containsEntry("generation", "2");
              });
    }
  }

  @Test
  void reloadListener_isToldAboutAppliedReloadsOnly_afterRevocations() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    GuardOptions o =
        c.options().toBuilder()
            .reloadListener(s -> seen.add(s.generation() + " after " + c.revoked))
            .build();
    try (Guard g = Guard.open(o)) {
      var unused = session(connect(g, login("b1", "bob", "bob-pw")));
      c.write("users.json", "{");
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Rejected.class);
      c.write("users.json", ConfigDir.USERS.replace("\"bob\"", "\"carol\""));
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Applied.class);
      assertThat(seen).containsExactly("2 after [b1]");
    }
  }

  @Test
  void reload_userRemoved_revokesLiveSessionAndTellsTheAdapterOnce() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      ClientSession bob = session(connect(g, login("b1", "bob", "bob-pw")));
      c.write("users.json", ConfigDir.USERS.replace("\"bob\"", "\"carol\""));
      assertThat(g.reload())
          .isInstanceOfSatisfying(
              ReloadOutcome.Applied.class, a -> assertThat(a.revokedSessions()).isEqualTo(1));
      assertThat(bob.revoked()).isTrue();
      assertThat(alice.revoked()).isFalse();
      assertThat(c.revoked).containsExactly("b1");
      assertThat(c.events("revoke"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.clientId()).isEqualTo("b1");
                assertThat(e.details().get("reason")).contains("removed");
              });
      assertThat(g.metrics().count(GuardMetric.SESSIONS_REVOKED)).isEqualTo(1);
      assertThat(g.metrics().liveSessions()).isEqualTo(1);
      assertThat(c.events("reload"))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.details())
                      .containsEntry("changedFiles", "users.json")
                      .containsEntry("recheckedSessions", "2")
                      .containsEntry("revokedSessions", "1"));
      c.write("guard.json", "{\"defaultListener\": {\"requireTlsForPassword\": false}}\n");
      var unused = g.reload();
      assertThat(c.revoked).containsExactly("b1");
    }
  }

  @Test
  void reload_duringAuthentication_appliesTheNewConfigurationToThatClient() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    java.util.Queue<Runnable> hashing = new java.util.concurrent.ConcurrentLinkedQueue<>();
    try (Guard g = Guard.open(c.options().toBuilder().hashingExecutor(hashing::add).build())) {
      var pendingBob = g.connect(login("b1", "bob", "bob-pw"));
      var pendingAlice = g.connect(login("a1", "alice", "alice-pw"));
      assertThat(pendingBob).isNotDone();
      c.write("users.json", ConfigDir.USERS.replace("\"bob\"", "\"carol\""));
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Applied.class);
      hashing.forEach(Runnable::run);
      assertThat(pendingBob.get()).isInstanceOf(ConnectOutcome.Rejected.class);
      ClientSession alice = session(pendingAlice.get());
      assertThat(alice.revoked()).isFalse();
      assertThat(c.revoked).isEmpty();
      assertThat(g.metrics().liveSessions()).isEqualTo(1);
    }
  }

  @Test
  void reload_anonymousAccessTurnedOff_revokesAnonymousSessions() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    c.write("guard.json", "{\"defaultListener\": {\"allowAnonymous\": true}}");
    try (Guard g = Guard.open(c.options())) {
      ClientSession anon =
          session(
              connect(
                  g, new io.mqttguard.auth.ConnectRequest("x1", null, null, "tcp", null, null, 5)));
      assertThat(anon.identity().anonymous()).isTrue();
      c.write("guard.json", "{\"defaultListener\": {\"allowAnonymous\": false}}");
      var unused = g.reload();
      assertThat(anon.revoked()).isTrue();
      assertThat(c.revoked).containsExactly("x1");
    }
  }

  @Test
  void reload_roleRestrictedToOtherListeners_revokesItsSessions() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      ClientSession bob = session(connect(g, login("b1", "bob", "bob-pw")));
      c.write(
          "guard.json",
          "{\"defaultListener\": {\"requireTlsForPassword\": false},"
              + " \"roleListeners\": {\"operator\": [\"admin\"]}}");
      var unused = g.reload();
      assertThat(alice.revoked()).isTrue();
      assertThat(bob.revoked()).isFalse();
    }
  }

  @Test
  void reload_userDisabled_revokesLiveSession() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      c.write(
          "users.json", ConfigDir.USERS.replace("\"roles\": [\"operator\"]", "\"disabled\": true"));
      var unused = g.reload();
      assertThat(alice.revoked()).isTrue();
      assertThat(c.revoked).containsExactly("a1");
    }
  }

  @Test
  void reload_invalidFile_keepsLastGoodAndReportsOnce() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      c.write("users.json", "{\"users\": {\"alice\": {\"password\": 42}}}");
      ReloadOutcome first = g.reload();
      ReloadOutcome second = g.reload();
      assertThat(first)
          .isInstanceOfSatisfying(
              ReloadOutcome.Rejected.class,
              r -> {
                assertThat(r.reported()).isTrue();
                assertThat(r.problems().getMessage()).contains("users.json");
              });
      assertThat(second)
          .isInstanceOfSatisfying(
              ReloadOutcome.Rejected.class, r -> assertThat(r.reported()).isFalse());
      assertThat(g.snapshot().generation()).isEqualTo(1);
      assertThat(alice.revoked()).isFalse();
      assertThat(connect(g, login("b1", "bob", "bob-pw")))
          .isInstanceOf(ConnectOutcome.Accepted.class);
      assertThat(c.events("reload"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.outcome()).isEqualTo("error");
                assertThat(e.details().get("problems")).contains("users.json");
              });
      assertThat(g.metrics().count(GuardMetric.RELOAD_FAILURE)).isEqualTo(1);
    }
  }

  @Test
  void reload_sameFailureAfterRevertingToGood_isReportedAgain() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      c.write("acl.json", "{");
      var unused = g.reload();
      c.write("acl.json", ConfigDir.ACL);
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Unchanged.class);
      c.write("acl.json", "{");
      assertThat(g.reload())
          .isInstanceOfSatisfying(
              ReloadOutcome.Rejected.class, r -> assertThat(r.reported()).isTrue());
      assertThat(g.metrics().count(GuardMetric.RELOAD_FAILURE)).isEqualTo(2);
    }
  }

  @Test
  void reload_newOptionalFile_isPickedUp_deletedOne_isRejected() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    Files.delete(tmp.resolve("guard.json"));
    try (Guard g = Guard.open(c.options())) {
      assertThat(g.snapshot().files()).doesNotContain("guard.json");
      c.write("guard.json", ConfigDir.GUARD);
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Applied.class);
      assertThat(g.snapshot().files()).contains("guard.json");
      Files.delete(tmp.resolve("guard.json"));
      assertThat(g.reload())
          .isInstanceOfSatisfying(
              ReloadOutcome.Rejected.class,
              r -> assertThat(r.problems().getMessage()).contains("guard.json", "deleted"));
      assertThat(g.snapshot().files()).contains("guard.json");
    }
  }
}

package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.login;
import static io.mqttguard.guard.ConfigDir.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.auth.RejectReason;
import io.mqttguard.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardTest {
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @Test
  void open_withoutAclJson_refusesToStart() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    Files.delete(tmp.resolve("acl.json"));
    assertThatThrownBy(() -> Guard.open(c.options()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "acl.json: (document): file not found in "
                + tmp.toAbsolutePath()
                + ": MQTT Guard never runs without an ACL (there is no allow-all default);"
                + " create it (docs/acl.md; examples/quickstart/acl.json is a start)");
  }

  @Test
  void configException_severalProblems_oneHeaderAndOneLineEach() {
    ConfigException e =
        new ConfigException(
            java.util.List.of(
                new io.mqttguard.config.ConfigProblem(
                    io.mqttguard.config.ConfigProblem.Severity.ERROR, "a.json", "/x", "bad"),
                new io.mqttguard.config.ConfigProblem(
                    io.mqttguard.config.ConfigProblem.Severity.WARNING, "b.json", "", "weak")));

    assertThat(e.getMessage())
        .isEqualTo(
            "1 configuration error(s):\n  a.json: /x: bad\n  warning: b.json: (document): weak");
  }

  @Test
  void check_reportsProblemsOfEveryFileAtOnce() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    c.write("users.json", ConfigDir.USERS.replace("\"sensor\"]", "\"nosuchrole\"]"));
    c.write("guard.json", "{\"defaultListener\": {\"authentication\": \"telepathy\"}}");
    assertThatThrownBy(() -> Guard.check(tmp, c.clock))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.file())
                    .contains("users.json", "guard.json"))
        .hasMessageContaining("nosuchrole");
  }

  @Test
  void check_validDirectory_listsPresentFilesAndFingerprint() throws Exception {
    ConfigSnapshot s = Guard.check(tmp, new ConfigDir(tmp).clock);
    assertThat(s.files()).containsExactlyInAnyOrder("acl.json", "users.json", "guard.json");
    assertThat(s.fingerprint()).hasSize(64);
    assertThat(s.generation()).isEqualTo(1);
    assertThat(s.auth().users().usernames()).containsExactlyInAnyOrder("alice", "bob");
  }

  @Test
  void connect_rightPassword_isAcceptedWithSessionAndCounted() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession s = session(connect(g, login("a1", "alice", "alice-pw")));
      assertThat(s.identity().username()).isEqualTo("alice");
      assertThat(s.identity().roles()).containsExactly("operator");
      assertThat(s.listener()).isEqualTo("tcp");
      assertThat(s.revoked()).isFalse();
      assertThat(g.metrics().count(GuardMetric.AUTH_SUCCESS)).isEqualTo(1);
      assertThat(g.metrics().count(GuardMetric.AUTH_CACHE_MISS)).isEqualTo(1);
      assertThat(g.metrics().liveSessions()).isEqualTo(1);
      s.close(Duration.ZERO);
      assertThat(s.revoked()).isTrue();
      assertThat(g.metrics().liveSessions()).isZero();
    }
  }

  @Test
  void connect_secondLogin_isACacheHit() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      session(connect(g, login("a1", "alice", "alice-pw"))).close(Duration.ZERO);
      var unused = session(connect(g, login("a1", "alice", "alice-pw")));
      assertThat(g.metrics().count(GuardMetric.AUTH_CACHE_HIT)).isEqualTo(1);
      assertThat(g.metrics().cacheHitRatio()).isEqualTo(0.5);
    }
  }

  @Test
  void connect_wrongPassword_isRejectedAndCounted() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ConnectOutcome o = connect(g, login("a1", "alice", "nope"));
      assertThat(o)
          .isEqualTo(
              new ConnectOutcome.Rejected(
                  RejectReason.BAD_USER_NAME_OR_PASSWORD,
                  ((ConnectOutcome.Rejected) o).auditDetail()));
      assertThat(g.metrics().count(GuardMetric.AUTH_FAILURE)).isEqualTo(1);
      assertThat(g.metrics().liveSessions()).isZero();
    }
  }

  @Test
  void open_withoutUsersJson_nobodyCanLogIn() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    Files.delete(tmp.resolve("users.json"));
    try (Guard g = Guard.open(c.options())) {
      assertThat(connect(g, login("a1", "alice", "alice-pw")))
          .isInstanceOf(ConnectOutcome.Rejected.class);
      assertThat(g.snapshot().files()).doesNotContain("users.json");
    }
  }

  @Test
  void takeover_byAnotherUser_isRejectedUntilTheSessionIsClosed() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession a = session(connect(g, login("shared-id", "alice", "alice-pw")));
      a.connected(true);
      assertThat(connect(g, login("shared-id", "bob", "bob-pw")))
          .isInstanceOfSatisfying(
              ConnectOutcome.Rejected.class,
              r -> assertThat(r.reason()).isEqualTo(RejectReason.CLIENT_IDENTIFIER_NOT_VALID));
      a.close(Duration.ZERO);
      assertThat(connect(g, login("shared-id", "bob", "bob-pw")))
          .isInstanceOf(ConnectOutcome.Accepted.class);
    }
  }
}

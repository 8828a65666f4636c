package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.login;
import static io.mqttguard.guard.ConfigDir.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.auth.RejectReason;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session lifecycles as the adapters report them: the client-ID reservation follows the session's
 * current expiry (issue 15 item 3), and a reload counts only live connections as revoked (item 7).
 */
class SessionLifecycleTest {
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  private static ConnectOutcome.Rejected rejected(ConnectOutcome o) {
    assertThat(o).isInstanceOf(ConnectOutcome.Rejected.class);
    return (ConnectOutcome.Rejected) o;
  }

  @Test
  void persistentThenCleanSession_ofTheSameUser_leavesTheClientIdFreeForAnotherIdentity()
      throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession persistent = session(connect(g, login("X", "alice", "alice-pw")));
      persistent.connected(false);
      persistent.close(Duration.ofDays(1));
      assertThat(rejected(connect(g, login("X", "bob", "bob-pw"))).reason())
          .as("held for the persistent session's expiry")
          .isEqualTo(RejectReason.CLIENT_IDENTIFIER_NOT_VALID);

      ClientSession clean = session(connect(g, login("X", "alice", "alice-pw")));
      clean.connected(true);
      clean.close(Duration.ZERO);

      ClientSession other = session(connect(g, login("X", "bob", "bob-pw")));
      assertThat(other.identity().username()).isEqualTo("bob");
    }
  }

  @Test
  void sameUserRefusedAfterAuthentication_keepsThePersistentSessionsReservation() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession persistent = session(connect(g, login("X", "alice", "alice-pw")));
      persistent.connected(false);
      persistent.close(Duration.ofDays(1));
      // e.g. its will is refused: the adapter closes the session before the broker connected it
      session(connect(g, login("X", "alice", "alice-pw"))).close(Duration.ZERO);
      assertThat(rejected(connect(g, login("X", "bob", "bob-pw"))).reason())
          .isEqualTo(RejectReason.CLIENT_IDENTIFIER_NOT_VALID);
      c.clock.advance(Duration.ofDays(1));
      assertThat(connect(g, login("X", "bob", "bob-pw")))
          .isInstanceOf(ConnectOutcome.Accepted.class);
    }
  }

  @Test
  void sameUserRefusedAfterAuthentication_whileOnline_neverFreesTheOnlineClientId()
      throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession online = session(connect(g, login("X", "alice", "alice-pw")));
      online.connected(false);
      session(connect(g, login("X", "alice", "alice-pw"))).close(Duration.ZERO);
      c.clock.advance(Duration.ofMinutes(5));
      assertThat(rejected(connect(g, login("X", "bob", "bob-pw"))).reason())
          .isEqualTo(RejectReason.CLIENT_IDENTIFIER_NOT_VALID);
    }
  }

  @Test
  void reload_countsOnlyLiveConnectionsAsRevoked_notOnesInTheirClosingGrace() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(c.options())) {
      ClientSession live = session(connect(g, login("b-live", "bob", "bob-pw")));
      live.connected(true);
      ClientSession closing = session(connect(g, login("b-gone", "bob", "bob-pw")));
      closing.connected(true);
      closing.connectionEnded(); // the adapter still answers for its queued packets
      assertThat(g.metrics().liveSessions()).isEqualTo(1);

      c.write("users.json", ConfigDir.USERS.replace("\"bob\"", "\"carol\""));
      assertThat(g.reload())
          .isInstanceOfSatisfying(
              ReloadOutcome.Applied.class, a -> assertThat(a.revokedSessions()).isEqualTo(1));

      assertThat(live.revoked()).isTrue();
      assertThat(closing.revoked()).as("its late packets are denied").isTrue();
      assertThat(closing.publish("sensors/bob/t", 0, false, 1).allowed()).isFalse();
      assertThat(c.revoked)
          .as("only the live connection is disconnected")
          .containsExactly("b-live");
      assertThat(c.events("revoke")).extracting(e -> e.clientId()).containsExactly("b-live");
      assertThat(c.events("reload"))
          .singleElement()
          .satisfies(e -> assertThat(e.details()).containsEntry("revokedSessions", "1"));
      assertThat(g.metrics().count(GuardMetric.SESSIONS_REVOKED)).isEqualTo(1);
      assertThat(g.metrics().liveSessions()).isZero();
      closing.close(Duration.ZERO);
    }
  }
}

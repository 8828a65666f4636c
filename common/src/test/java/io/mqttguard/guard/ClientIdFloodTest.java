package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.login;
import static io.mqttguard.guard.ConfigDir.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 "Floods" through the facade: 100k distinct client IDs connecting and leaving keep no
 * per-client state (session, compiled policy) in the guard once they are gone; the per-client state
 * of live clients is exactly one session each. Bounds on counts, never on time.
 */
class ClientIdFloodTest {
  static final int FLOOD = 100_000;

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  GuardOptions options(ConfigDir c) {
    // no audit capture: 100k CONNECT events would only measure the test's own list
    return c.options().toBuilder().audit(event -> {}).build();
  }

  @Test
  void hundredThousandDistinctClientIds_connectAndLeave_noSessionStateRemains() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(options(c))) {
      int peak = 0;
      for (int i = 0; i < FLOOD; i++) {
        ClientSession s = session(connect(g, login("flood-" + i, "alice", "alice-pw")));
        s.connected(true);
        assertThat(s.subscribe("plant/" + i + "/#", 1).allowed()).isTrue();
        peak = Math.max(peak, g.metrics().liveSessions());
        s.close(i % 2 == 0 ? Duration.ZERO : Duration.ofSeconds(30));
      }
      assertThat(peak).as("control: a connected client is tracked").isEqualTo(1);
      assertThat(g.metrics().liveSessions()).isZero();
      assertThat(g.metrics().count(GuardMetric.AUTH_SUCCESS)).isEqualTo(FLOOD);
      // Leaving clients held nothing that a reload must visit or could revoke.
      c.write("acl.json", ConfigDir.ACL.replace("plant/#", "plant/+/x"));
      assertThat(g.reload())
          .isInstanceOfSatisfying(
              ReloadOutcome.Applied.class, a -> assertThat(a.revokedSessions()).isZero());
      assertThat(c.revoked).isEmpty();
    }
  }

  @Test
  void manyLiveClients_eachHoldOneSession_allReleasedOnClose() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    try (Guard g = Guard.open(options(c))) {
      List<ClientSession> live = new ArrayList<>();
      for (int i = 0; i < 20_000; i++) {
        ClientSession s = session(connect(g, login("live-" + i, "alice", "alice-pw")));
        s.connected(true);
        live.add(s);
      }
      assertThat(g.metrics().liveSessions()).isEqualTo(20_000);
      live.forEach(s -> s.close(Duration.ZERO));
      assertThat(g.metrics().liveSessions()).isZero();
      assertThat(live).allSatisfy(s -> assertThat(s.subscribe("plant/#", 1).allowed()).isFalse());
    }
  }
}

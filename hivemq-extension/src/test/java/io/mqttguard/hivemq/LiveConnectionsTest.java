package io.mqttguard.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveConnectionsTest {
  private static final Duration GRACE = Duration.ofSeconds(10);

  /**
   * Scheduled tasks (closings after the grace, setup sweeps) with their delays, run by the test.
   */
  private final List<Map.Entry<Duration, Runnable>> scheduled = new ArrayList<>();

  private final List<Duration> delays = new ArrayList<>();
  private Instant now = Instant.parse("2026-11-23T12:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  private final LiveConnections sessions =
      new LiveConnections(
          (task, delay) -> {
            scheduled.add(Map.entry(delay, task));
            delays.add(delay);
          },
          GRACE,
          clock);

  private long pending(Duration delay) {
    return scheduled.stream().filter(e -> e.getKey().equals(delay)).count();
  }

  private void run(Duration delay) {
    List<Map.Entry<Duration, Runnable>> due =
        scheduled.stream().filter(e -> e.getKey().equals(delay)).toList();
    scheduled.removeAll(due);
    due.forEach(e -> e.getValue().run());
  }

  private void graceEnds() {
    run(GRACE);
  }

  @Test
  void disconnected_sessionStillAnswersForItsOwnConnection_untilTheGraceEnds_thenIsClosed() {
    FakeStore store = new FakeStore();
    FakeSession s = new FakeSession("c1");
    sessions.add(store, s, Duration.ofSeconds(7));
    sessions.disconnected(store);
    assertThat(s.closedWith)
        .as("a PUBLISH queued before the DISCONNECT is still decided")
        .isEmpty();
    assertThat(sessions.find("c1", store)).isSameAs(s);
    assertThat(sessions.find("c1", new FakeStore())).as("only by its own token").isNull();
    assertThat(sessions.isConnected(s)).as("revocation never disconnects a closing one").isFalse();
    assertThat(s.connectionEnded)
        .as("the guard no longer counts it as a live connection (reload audit, gauge)")
        .isEqualTo(1);
    assertThat(delays).containsExactly(GRACE);

    graceEnds();
    assertThat(s.closedWith).containsExactly(Duration.ofSeconds(7));
    assertThat(sessions.find("c1", store)).isNull();
  }

  @Test
  void disconnected_twice_closesOnce() {
    FakeStore store = new FakeStore();
    FakeSession s = new FakeSession("c1");
    sessions.add(store, s, Duration.ZERO);
    sessions.disconnected(store);
    sessions.disconnected(store);
    assertThat(pending(GRACE)).isEqualTo(1);
    assertThat(s.connectionEnded).isEqualTo(1);
    graceEnds();
    sessions.disconnected(store);
    assertThat(pending(GRACE)).isZero();
    assertThat(s.closedWith).containsExactly(Duration.ZERO);
  }

  @Test
  void disconnectedOldConnection_duringGrace_neverActsForTheNewerConnection() {
    FakeStore old = new FakeStore();
    FakeStore current = new FakeStore();
    FakeSession first = new FakeSession("c1");
    FakeSession second = new FakeSession("c1");
    sessions.add(old, first, Duration.ZERO);
    sessions.disconnected(old);
    sessions.add(current, second, Duration.ofSeconds(30));
    assertThat(sessions.find("c1", old)).isSameAs(first);
    assertThat(sessions.find("c1", current)).isSameAs(second);
    assertThat(sessions.isConnected(second)).isTrue();

    graceEnds();
    assertThat(first.closedWith).containsExactly(Duration.ZERO);
    assertThat(second.closedWith).isEmpty();
    assertThat(sessions.find("c1", current)).isSameAs(second);
    assertThat(sessions.isConnected(second)).isTrue();
  }

  @Test
  void disconnected_whenSchedulingFails_closesAtOnce() {
    LiveConnections rejecting =
        new LiveConnections(
            (task, delay) -> {
              throw new java.util.concurrent.RejectedExecutionException("shut down");
            },
            GRACE);
    FakeStore store = new FakeStore();
    FakeSession s = new FakeSession("c1");
    rejecting.add(store, s, Duration.ofSeconds(3));
    rejecting.disconnected(store);
    assertThat(s.closedWith).containsExactly(Duration.ofSeconds(3));
    assertThat(rejecting.find("c1", store)).isNull();
  }

  @Test
  void closeAll_alsoClosesSessionsInTheirGrace_once() {
    FakeStore store = new FakeStore();
    FakeSession s = new FakeSession("c1");
    sessions.add(store, s, Duration.ofSeconds(2));
    sessions.disconnected(store);
    sessions.closeAll();
    graceEnds();
    assertThat(s.closedWith).containsExactly(Duration.ofSeconds(2));
    assertThat(sessions.find("c1", store)).isNull();
  }

  @Test
  void find_answersOnlyForTheConnectionThatWasAccepted() {
    FakeStore mine = new FakeStore();
    FakeStore other = new FakeStore();
    FakeSession s = new FakeSession("c1");
    sessions.add(mine, s, Duration.ofSeconds(5));
    assertThat(sessions.find("c1", mine)).isSameAs(s);
    assertThat(sessions.find("c1", other)).as("no token: fail closed").isNull();
    assertThat(sessions.find("c2", mine)).as("token of another client ID").isNull();
  }

  @Test
  void lateDisconnectOfAnOldConnection_neverClosesTheNewOne() {
    FakeStore old = new FakeStore();
    FakeStore current = new FakeStore();
    FakeSession first = new FakeSession("c1");
    FakeSession second = new FakeSession("c1");
    sessions.add(old, first, Duration.ZERO);
    sessions.add(current, second, Duration.ofSeconds(30));
    assertThat(sessions.isConnected(first))
        .as("connected until HiveMQ reports its end, whatever a newer CONNECT does")
        .isTrue();
    assertThat(sessions.isConnected(second)).isTrue();

    sessions.remove(old);
    assertThat(first.closedWith).containsExactly(Duration.ZERO);
    assertThat(second.closedWith).isEmpty();
    assertThat(sessions.find("c1", current)).isSameAs(second);
    assertThat(sessions.isConnected(second)).isTrue();
  }

  @Test
  void remove_closesOnceWithTheSessionExpiry_thenDenies() {
    FakeStore store = new FakeStore();
    FakeSession s = new FakeSession("c1");
    sessions.add(store, s, Duration.ofSeconds(42));
    sessions.remove(store);
    sessions.remove(store);
    assertThat(s.closedWith).containsExactly(Duration.ofSeconds(42));
    assertThat(sessions.find("c1", store)).isNull();
    assertThat(sessions.isConnected(s)).isFalse();
  }

  @Test
  void closeAll_closesEverySession() {
    FakeSession a = new FakeSession("a");
    FakeSession b = new FakeSession("b");
    sessions.add(new FakeStore(), a, Duration.ZERO);
    sessions.add(new FakeStore(), b, Duration.ofSeconds(1));
    sessions.closeAll();
    assertThat(a.closedWith).containsExactly(Duration.ZERO);
    assertThat(b.closedWith).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void abandonedSecondConnect_neverHidesTheLiveConnectionFromRevocation() {
    FakeStore live = new FakeStore();
    FakeStore abandoned = new FakeStore();
    FakeSession first = new FakeSession("c1");
    FakeSession second = new FakeSession("c1");
    sessions.add(live, first, Duration.ZERO);
    sessions.add(abandoned, second, Duration.ZERO); // socket closed before the takeover
    sessions.disconnected(abandoned);
    assertThat(sessions.isConnected(first)).isTrue();

    sessions.remove(abandoned); // or the async timeout answered first
    graceEnds();
    assertThat(sessions.isConnected(first)).isTrue();
    assertThat(first.closedWith).isEmpty();
  }

  @Test
  void acceptedConnection_thatNeverReachesTheInitializer_isForgottenAfterTheSetupLimit() {
    FakeStore lost = new FakeStore();
    FakeStore setUp = new FakeStore();
    FakeSession never = new FakeSession("c1");
    FakeSession normal = new FakeSession("c2");
    sessions.add(lost, never, Duration.ofSeconds(4));
    sessions.add(setUp, normal, Duration.ZERO);
    java.util.Objects.requireNonNull(sessions.connection("c2", setUp)).markInitialized();
    now = now.plus(LiveConnections.SETUP_LIMIT).minusMillis(1);
    sessions.add(new FakeStore(), new FakeSession("c3"), Duration.ZERO);
    assertThat(never.closedWith).as("not before the limit").isEmpty();

    now = now.plusMillis(1);
    sessions.add(new FakeStore(), new FakeSession("c4"), Duration.ZERO); // checks lazily

    assertThat(never.closedWith).containsExactly(Duration.ofSeconds(4));
    assertThat(sessions.find("c1", lost)).isNull();
    assertThat(sessions.isConnected(never)).isFalse();
    assertThat(normal.closedWith).isEmpty();
    assertThat(sessions.isConnected(normal)).isTrue();
  }

  @Test
  void subscribing_recordsBeforeTheDecision_andADenialRestoresTheEarlierEntry() {
    Connection c = new Connection(true, null);
    assertThat(c.subscribing("a/#", 1)).isNull();
    assertThat(c.subscriptions()).containsEntry("a/#", 1);
    Integer previous = c.subscribing("a/#", 2);
    assertThat(c.subscriptions()).containsEntry("a/#", 2);

    c.subscribeDenied("a/#", previous);
    assertThat(c.subscriptions()).containsExactly(Map.entry("a/#", 1));

    c.subscribeDenied("b", c.subscribing("b", 0));
    assertThat(c.subscriptions()).doesNotContainKey("b");
    c.unsubscribed("a/#");
    assertThat(c.subscriptions()).isEmpty();
  }

  @Test
  void malformedToken_isTreatedAsNoSession() {
    FakeStore store = new FakeStore();
    sessions.add(store, new FakeSession("c1"), Duration.ZERO);
    store.put(LiveConnections.TOKEN_KEY, ByteBuffer.wrap(new byte[3]));
    assertThat(sessions.find("c1", store)).isNull();
  }
}

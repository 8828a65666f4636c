package io.mqttguard.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DisconnectsTest {
  /** What HiveMQ answers to each disconnect call, in order (then: confirmed). */
  private final Queue<CompletableFuture<Boolean>> answers = new ArrayDeque<>();

  private final List<String> calls = new ArrayList<>();
  private final List<Runnable> scheduled = new ArrayList<>();
  private final List<Duration> delays = new ArrayList<>();
  private final LiveConnections sessions = new LiveConnections((task, delay) -> {}, Duration.ZERO);
  private final Disconnects disconnects =
      new Disconnects(
          sessions,
          (clientId, code, why) -> {
            calls.add(clientId + " " + code + " " + why);
            CompletableFuture<Boolean> next = answers.poll();
            return next != null ? next : CompletableFuture.completedFuture(true);
          },
          (task, delay) -> {
            scheduled.add(task);
            delays.add(delay);
          });

  private FakeSession connected(String clientId) {
    FakeSession s = new FakeSession(clientId);
    sessions.add(new FakeStore(), s, Duration.ZERO);
    return s;
  }

  private void runScheduled() {
    List<Runnable> due = List.copyOf(scheduled);
    scheduled.clear();
    due.forEach(Runnable::run);
  }

  @Test
  void confirmedDisconnect_isNotRepeated() {
    FakeSession s = connected("c1");

    disconnects.disconnect(s, DisconnectReasonCode.NOT_AUTHORIZED, "Access revoked");

    assertThat(calls).containsExactly("c1 NOT_AUTHORIZED Access revoked");
    assertThat(scheduled).isEmpty();
  }

  @Test
  void unconfirmedOrFailedDisconnect_isRetriedWhileTheConnectionLives() {
    FakeSession s = connected("c1");
    answers.add(CompletableFuture.completedFuture(false)); // not registered yet
    answers.add(CompletableFuture.failedFuture(new IllegalStateException("rate limit")));

    disconnects.disconnect(s, DisconnectReasonCode.ADMINISTRATIVE_ACTION, "Policy changed");
    assertThat(calls).hasSize(1);
    runScheduled();
    assertThat(calls).hasSize(2);
    runScheduled();

    assertThat(calls).hasSize(3);
    assertThat(scheduled).as("third attempt confirmed").isEmpty();
    assertThat(delays).containsOnly(Disconnects.RETRY);
  }

  @Test
  void retries_stopOnceHiveMqReportsTheConnectionEnded() {
    FakeStore store = new FakeStore();
    FakeSession s = new FakeSession("c1");
    sessions.add(store, s, Duration.ZERO);
    answers.add(CompletableFuture.completedFuture(false));

    disconnects.disconnect(s, DisconnectReasonCode.NOT_AUTHORIZED, "Access revoked");
    sessions.disconnected(store);
    runScheduled();

    assertThat(calls).hasSize(1);
  }

  @Test
  void retries_areBounded() {
    FakeSession s = connected("c1");
    for (int i = 0; i < Disconnects.ATTEMPTS + 5; i++) {
      answers.add(CompletableFuture.completedFuture(false));
    }

    disconnects.disconnect(s, DisconnectReasonCode.NOT_AUTHORIZED, "Access revoked");
    for (int i = 0; i < Disconnects.ATTEMPTS + 5; i++) {
      runScheduled();
    }

    assertThat(calls).hasSize(Disconnects.ATTEMPTS);
  }

  @Test
  void sessionThatIsNotConnected_isNeverDisconnected() {
    FakeSession unknown = new FakeSession("c1");

    disconnects.disconnect(unknown, DisconnectReasonCode.NOT_AUTHORIZED, "Access revoked");

    assertThat(calls).isEmpty();
  }

  @Test
  void later_withoutSession_disconnectsOnceAfterTheRetryDelay() {
    answers.add(CompletableFuture.completedFuture(false));

    disconnects.later("c9", null, DisconnectReasonCode.NOT_AUTHORIZED, "Connection not set up");
    assertThat(calls).as("not before HiveMQ answered the CONNECT").isEmpty();
    runScheduled();
    runScheduled();

    assertThat(calls).containsExactly("c9 NOT_AUTHORIZED Connection not set up");
  }

  @Test
  void brokerThatThrows_isRetried() {
    FakeSession s = connected("c1");
    Disconnects throwing =
        new Disconnects(
            sessions,
            (clientId, code, why) -> {
              calls.add(clientId);
              throw new IllegalStateException("service unavailable");
            },
            (task, delay) -> scheduled.add(task));

    throwing.disconnect(s, DisconnectReasonCode.NOT_AUTHORIZED, "Access revoked");
    runScheduled();

    assertThat(calls).hasSize(2);
  }
}

package io.mqttguard.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveSessionsTest {
  private static final Duration GRACE = Duration.ofSeconds(10);

  /** Scheduled closings, run by the test. */
  private final List<Runnable> scheduled = new ArrayList<>();

  private final List<Duration> delays = new ArrayList<>();
  private final LiveSessions sessions =
      new LiveSessions(
          (task, delay) -> {
            scheduled.add(task);
            delays.add(delay);
          },
          GRACE);

  private void graceEnds() {
    List<Runnable> due = List.copyOf(scheduled);
    scheduled.clear();
    due.forEach(Runnable::run);
  }

  @Test
  void disconnected_sessionStillAnswersForItsOwnConnection_untilTheGraceEnds_thenIsClosed() {
    Store store = new Store();
    FakeSession s = new FakeSession("c1");
    sessions.add(store, s, Duration.ofSeconds(7));
    sessions.disconnected(store);
    assertThat(s.closedWith)
        .as("a PUBLISH queued before the DISCONNECT is still decided")
        .isEmpty();
    assertThat(sessions.find("c1", store)).isSameAs(s);
    assertThat(sessions.find("c1", new Store())).as("only by its own token").isNull();
    assertThat(sessions.isCurrent(s)).as("revocation never disconnects a closing one").isFalse();
    assertThat(delays).containsExactly(GRACE);

    graceEnds();
    assertThat(s.closedWith).containsExactly(Duration.ofSeconds(7));
    assertThat(sessions.find("c1", store)).isNull();
  }

  @Test
  void disconnected_twice_closesOnce() {
    Store store = new Store();
    FakeSession s = new FakeSession("c1");
    sessions.add(store, s, Duration.ZERO);
    sessions.disconnected(store);
    sessions.disconnected(store);
    assertThat(scheduled).hasSize(1);
    graceEnds();
    sessions.disconnected(store);
    assertThat(scheduled).isEmpty();
    assertThat(s.closedWith).containsExactly(Duration.ZERO);
  }

  @Test
  void disconnectedOldConnection_duringGrace_neverActsForTheNewerConnection() {
    Store old = new Store();
    Store current = new Store();
    FakeSession first = new FakeSession("c1");
    FakeSession second = new FakeSession("c1");
    sessions.add(old, first, Duration.ZERO);
    sessions.disconnected(old);
    sessions.add(current, second, Duration.ofSeconds(30));
    assertThat(sessions.find("c1", old)).isSameAs(first);
    assertThat(sessions.find("c1", current)).isSameAs(second);
    assertThat(sessions.isCurrent(second)).isTrue();

    graceEnds();
    assertThat(first.closedWith).containsExactly(Duration.ZERO);
    assertThat(second.closedWith).isEmpty();
    assertThat(sessions.find("c1", current)).isSameAs(second);
    assertThat(sessions.isCurrent(second)).isTrue();
  }

  @Test
  void disconnected_whenSchedulingFails_closesAtOnce() {
    LiveSessions rejecting =
        new LiveSessions(
            (task, delay) -> {
              throw new java.util.concurrent.RejectedExecutionException("shut down");
            },
            GRACE);
    Store store = new Store();
    FakeSession s = new FakeSession("c1");
    rejecting.add(store, s, Duration.ofSeconds(3));
    rejecting.disconnected(store);
    assertThat(s.closedWith).containsExactly(Duration.ofSeconds(3));
    assertThat(rejecting.find("c1", store)).isNull();
  }

  @Test
  void closeAll_alsoClosesSessionsInTheirGrace_once() {
    Store store = new Store();
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
    Store mine = new Store();
    Store other = new Store();
    FakeSession s = new FakeSession("c1");
    sessions.add(mine, s, Duration.ofSeconds(5));
    assertThat(sessions.find("c1", mine)).isSameAs(s);
    assertThat(sessions.find("c1", other)).as("no token: fail closed").isNull();
    assertThat(sessions.find("c2", mine)).as("token of another client ID").isNull();
  }

  @Test
  void lateDisconnectOfAnOldConnection_neverClosesTheNewOne() {
    Store old = new Store();
    Store current = new Store();
    FakeSession first = new FakeSession("c1");
    FakeSession second = new FakeSession("c1");
    sessions.add(old, first, Duration.ZERO);
    sessions.add(current, second, Duration.ofSeconds(30));
    assertThat(sessions.isCurrent(first)).isFalse();
    assertThat(sessions.isCurrent(second)).isTrue();

    sessions.remove(old);
    assertThat(first.closedWith).containsExactly(Duration.ZERO);
    assertThat(second.closedWith).isEmpty();
    assertThat(sessions.find("c1", current)).isSameAs(second);
    assertThat(sessions.isCurrent(second)).isTrue();
  }

  @Test
  void remove_closesOnceWithTheSessionExpiry_thenDenies() {
    Store store = new Store();
    FakeSession s = new FakeSession("c1");
    sessions.add(store, s, Duration.ofSeconds(42));
    sessions.remove(store);
    sessions.remove(store);
    assertThat(s.closedWith).containsExactly(Duration.ofSeconds(42));
    assertThat(sessions.find("c1", store)).isNull();
    assertThat(sessions.isCurrent(s)).isFalse();
  }

  @Test
  void closeAll_closesEverySession() {
    FakeSession a = new FakeSession("a");
    FakeSession b = new FakeSession("b");
    sessions.add(new Store(), a, Duration.ZERO);
    sessions.add(new Store(), b, Duration.ofSeconds(1));
    sessions.closeAll();
    assertThat(a.closedWith).containsExactly(Duration.ZERO);
    assertThat(b.closedWith).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void malformedToken_isTreatedAsNoSession() {
    Store store = new Store();
    sessions.add(store, new FakeSession("c1"), Duration.ZERO);
    store.put(LiveSessions.TOKEN_KEY, ByteBuffer.wrap(new byte[3]));
    assertThat(sessions.find("c1", store)).isNull();
  }

  /** HiveMQ's per-connection attribute store, in memory. */
  private static final class Store implements ConnectionAttributeStore {
    private final Map<String, ByteBuffer> map = new HashMap<>();

    @Override
    public void put(String key, ByteBuffer value) {
      map.put(key, value.asReadOnlyBuffer());
    }

    @Override
    public void putAsString(String key, String value) {
      put(key, ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void putAsString(String key, String value, Charset charset) {
      put(key, ByteBuffer.wrap(value.getBytes(charset)));
    }

    @Override
    public Optional<ByteBuffer> get(String key) {
      return Optional.ofNullable(map.get(key)).map(ByteBuffer::asReadOnlyBuffer);
    }

    @Override
    public Optional<String> getAsString(String key) {
      return getAsString(key, StandardCharsets.UTF_8);
    }

    @Override
    public Optional<String> getAsString(String key, Charset charset) {
      return get(key).map(b -> charset.decode(b).toString());
    }

    @Override
    public Optional<Map<String, ByteBuffer>> getAll() {
      return map.isEmpty() ? Optional.empty() : Optional.of(Map.copyOf(map));
    }

    @Override
    public Optional<ByteBuffer> remove(String key) {
      return Optional.ofNullable(map.remove(key));
    }

    @Override
    public void clear() {
      map.clear();
    }
  }
}

package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import io.mqttguard.guard.ClientSession;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disconnects clients for the guard (revocations, reload re-checks, connections that could not be
 * set up), always without their will. HiveMQ enforces a client's native permissions and existing
 * subscriptions without asking us, so a revocation is only as good as its disconnect: an attempt
 * that HiveMQ does not confirm (it answers {@code false} while a connection is not yet registered,
 * or fails) is retried every {@link #RETRY} while the session's connection is still {@linkplain
 * LiveConnections#isConnected connected}, up to {@link #ATTEMPTS} times, then logged as an error.
 * Thread-safe.
 */
final class Disconnects implements ReloadRecheck.Disconnector {
  private static final Logger LOG = LoggerFactory.getLogger(Disconnects.class);

  static final int ATTEMPTS = 10;
  static final Duration RETRY = Duration.ofSeconds(1);

  /** HiveMQ's {@code ClientService.disconnectClient(clientId, true, code, reason)}. */
  @FunctionalInterface
  interface Broker {
    CompletableFuture<Boolean> disconnect(String clientId, DisconnectReasonCode code, String why);
  }

  private final LiveConnections sessions;
  private final Broker broker;
  private final LiveConnections.Scheduler scheduler;

  Disconnects(LiveConnections sessions, Broker broker, LiveConnections.Scheduler scheduler) {
    this.sessions = sessions;
    this.broker = broker;
    this.scheduler = scheduler;
  }

  /** Disconnects the client of {@code session} now, if its connection is still connected. */
  @Override
  public void disconnect(ClientSession session, DisconnectReasonCode code, String reason) {
    attempt(session.identity().clientId(), session, code, reason, 1);
  }

  /**
   * Disconnects {@code clientId} after {@link #RETRY} (e.g. once HiveMQ has sent the CONNACK of a
   * connection the initializer could not set up); with a {@code session}, only while that session
   * is connected, else once.
   */
  void later(
      String clientId, @Nullable ClientSession session, DisconnectReasonCode code, String why) {
    schedule(() -> attempt(clientId, session, code, why, 1));
  }

  private void attempt(
      String clientId,
      @Nullable ClientSession session,
      DisconnectReasonCode code,
      String reason,
      int attempt) {
    if (session != null && !sessions.isConnected(session)) {
      return;
    }
    LOG.info("MQTT Guard: disconnecting client {}: {}", clientId, reason);
    CompletableFuture<Boolean> done;
    try {
      done = broker.disconnect(clientId, code, reason);
    } catch (RuntimeException e) {
      done = CompletableFuture.failedFuture(e);
    }
    var unused =
        done.whenComplete(
            (confirmed, error) -> {
              if (Boolean.TRUE.equals(confirmed) || session == null) {
                return;
              }
              if (attempt < ATTEMPTS) {
                schedule(() -> attempt(clientId, session, code, reason, attempt + 1));
              } else {
                LOG.error(
                    "MQTT Guard: could not disconnect client {} after {} attempts ({})",
                    clientId,
                    ATTEMPTS,
                    error == null ? "not connected" : error.toString());
              }
            });
  }

  private void schedule(Runnable task) {
    try {
      scheduler.schedule(task, RETRY);
    } catch (RuntimeException e) {
      LOG.error("MQTT Guard: cannot schedule a disconnect ({}); disconnecting now", e.toString());
      task.run();
    }
  }
}

package io.mqttguard.moquette;

import com.codahale.metrics.MetricRegistry;
import io.moquette.broker.Server;
import io.mqttguard.guard.Guard;
import io.mqttguard.guard.ReloadOutcome;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running, guarded Moquette broker. {@link #close()} stops the guard and the server (Moquette's
 * stop takes about 2 s). Thread-safe.
 */
public final class GuardedMoquette implements AutoCloseable {
  private final Server server;
  private final LiveConnections live;
  private final MetricRegistry metricRegistry;
  private final Runnable onStop;
  private final AutoCloseable resources;
  private final AtomicBoolean closed = new AtomicBoolean();

  GuardedMoquette(
      Server server,
      LiveConnections live,
      MetricRegistry metricRegistry,
      Runnable onStop,
      AutoCloseable resources) {
    this.server = server;
    this.live = live;
    this.metricRegistry = metricRegistry;
    this.onStop = onStop;
    this.resources = resources;
  }

  /**
   * Checks the configuration directory now and applies a valid change (what the periodic check
   * does): live clients whose rights were revoked are disconnected, every later decision uses the
   * new policy; an invalid change keeps the last good one.
   *
   * @throws IllegalStateException if this broker was not started from a configuration directory
   */
  public ReloadOutcome reload() {
    if (resources instanceof Guard guard) {
      return guard.reload();
    }
    throw new IllegalStateException("not started with MqttGuardMoquette.from(configDir)");
  }

  /** The Moquette server (for {@code internalPublish}, {@code listConnectedClients}, ...). */
  public Server server() {
    return server;
  }

  /** The bound plain TCP port, or 0 if disabled. */
  public int port() {
    return server.getPort();
  }

  /** The bound TLS port, or 0 if disabled. */
  public int sslPort() {
    return server.getSslPort();
  }

  /** How many clients are connected through the hook right now. */
  public int connectedClients() {
    return live.all().size();
  }

  /**
   * The Dropwizard Metrics registry holding the guard's gauges ({@code mqttguard.auth.success}, ...
   * — the names of HiveMQ's registry, see {@code docs/operations.md}): the one passed to {@link
   * MqttGuardMoquette#metricRegistry}, else the broker's own. Until {@link #close()}.
   */
  public MetricRegistry metricRegistry() {
    return metricRegistry;
  }

  LiveConnections live() {
    return live;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        server.stopServer();
      } finally {
        onStop.run();
      }
    }
  }
}

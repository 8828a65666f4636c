package io.mqttguard.moquette;

import com.codahale.metrics.MetricRegistry;
import io.moquette.broker.ISslContextCreator;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.interception.InterceptHandler;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.config.ConfigException;
import io.mqttguard.guard.Guard;
import io.mqttguard.guard.GuardOptions;
import io.mqttguard.guard.RevocationListener;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The one entry point that starts an embedded Moquette 0.17 broker secured by MQTT Guard, and the
 * adapter's composition root.
 *
 * <pre>{@code
 * GuardedMoquette broker = MqttGuardMoquette.from(Path.of("/etc/mqtt-guard"))
 *     .start(new Server(), moquetteProperties);
 * }</pre>
 *
 * <p>{@link #start} applies secure defaults (see {@code docs/moquette.md}), starts the server with
 * MQTT Guard's authenticator and authorizator, installs the pipeline hook and verifies every
 * listener; if any step fails the server is stopped and an exception explains why. A builder is
 * used once, from one thread.
 */
public final class MqttGuardMoquette {
  private final @Nullable Guard fixedGuard;
  private final @Nullable Path configDir;
  private Duration reloadInterval = GuardOptions.DEFAULT_RELOAD_INTERVAL;
  private @Nullable SecureRandom random;
  private AuditSink audit = AuditSink.slf4j();
  private Clock clock = Clock.systemUTC();
  private final List<InterceptHandler> handlers = new ArrayList<>();
  private @Nullable ISslContextCreator sslContextCreator;
  private @Nullable MetricRegistry metricRegistry;

  private MqttGuardMoquette(@Nullable Guard fixedGuard, @Nullable Path configDir) {
    this.fixedGuard = fixedGuard;
    this.configDir = configDir;
  }

  /**
   * A guard for the MQTT Guard configuration directory {@code configDir} ({@code acl.json}
   * required; {@code users.json}, {@code guard.json}, {@code keys.json}, {@code payload.json}
   * optional), loaded and validated by {@link #start}.
   */
  public static MqttGuardMoquette from(Path configDir) {
    return new MqttGuardMoquette(null, Objects.requireNonNull(configDir, "configDir"));
  }

  /** For tests: a fixed guard (a fake core), not closed by the broker and not reloadable. */
  MqttGuardMoquette(Guard guard) {
    this(Objects.requireNonNull(guard, "guard"), null);
  }

  /** Where adapter-level audit events go (default: the {@code io.mqttguard.audit} logger). */
  public MqttGuardMoquette auditSink(AuditSink sink) {
    this.audit = Objects.requireNonNull(sink, "sink");
    return this;
  }

  /** The clock for audit timestamps (default: system UTC). */
  public MqttGuardMoquette clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Adds an application {@code InterceptHandler} (observers only, as in Moquette). */
  public MqttGuardMoquette interceptHandler(InterceptHandler handler) {
    handlers.add(Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /**
   * How often the configuration directory is checked for changes (default 5 s, plus file watching);
   * {@link Duration#ZERO} leaves only {@link GuardedMoquette#reload()}.
   */
  public MqttGuardMoquette reloadInterval(Duration interval) {
    this.reloadInterval = Objects.requireNonNull(interval, "interval");
    return this;
  }

  /** The randomness for authentication and payload protection (default: a new SecureRandom). */
  public MqttGuardMoquette secureRandom(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /**
   * A custom TLS context (e.g. a separate trust store); default: Moquette's key store based one.
   */
  public MqttGuardMoquette sslContextCreator(ISslContextCreator creator) {
    this.sslContextCreator = Objects.requireNonNull(creator, "creator");
    return this;
  }

  /**
   * The Dropwizard Metrics registry to publish the guard's metrics in (the same names and gauge
   * types as in HiveMQ's registry, see {@code docs/operations.md}); default: a registry of the
   * broker's own, {@link GuardedMoquette#metricRegistry()}. The names are removed again when the
   * broker is closed; {@link #start} fails if one is already taken.
   */
  public MqttGuardMoquette metricRegistry(MetricRegistry registry) {
    this.metricRegistry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /**
   * Starts {@code server} guarded.
   *
   * @param server a new, not yet started Moquette server
   * @param properties Moquette properties; see {@code docs/moquette.md} for what is refused
   * @throws IllegalArgumentException if the properties would weaken the guard, or a metric name is
   *     already registered in the {@link #metricRegistry} (nothing was started)
   * @throws IllegalStateException if the hook cannot be installed or a listener did not come up
   *     (the server is stopped again)
   * @throws ConfigException if the MQTT Guard configuration is invalid (nothing was started)
   * @throws IOException if Moquette fails to start
   */
  public GuardedMoquette start(Server server, Properties properties)
      throws IOException, ConfigException {
    Properties effective = SecureDefaults.apply(properties);
    int maxPacketBytes = SecureDefaults.maxPacketBytes(effective);
    AdapterAudit adapterAudit = new AdapterAudit(audit, clock);
    LiveConnections live = new LiveConnections();
    Guard guard =
        fixedGuard != null
            ? fixedGuard
            : openGuard(Objects.requireNonNull(configDir), live, adapterAudit);
    AutoCloseable resources = fixedGuard != null ? () -> {} : guard;
    MetricRegistry registry = metricRegistry != null ? metricRegistry : new MetricRegistry();
    DropwizardMetrics metrics;
    try {
      metrics = new DropwizardMetrics(registry, guard.metrics());
    } catch (IllegalArgumentException e) {
      closeQuietly(resources);
      throw e;
    }
    Runnable onStop =
        () -> {
          metrics.close();
          closeQuietly(resources);
        };
    HookInstaller installer =
        new HookInstaller(
            guard,
            live,
            adapterAudit,
            new Wills(server, adapterAudit),
            new PeerErrors(clock),
            maxPacketBytes);
    List<InterceptHandler> all = new ArrayList<>(handlers);
    all.add(new LoopErrorAudit(adapterAudit));
    try {
      server.startServer(
          new MemoryConfig(effective),
          all,
          sslContextCreator,
          new GuardAuthenticator(live, adapterAudit),
          new GuardAuthorizator(live, adapterAudit));
    } catch (IOException | RuntimeException e) {
      onStop.run();
      throw e;
    }
    try {
      PipelineHook.install(server, installer);
      ListenerCheck.verify(server, effective, installer);
    } catch (PipelineHook.HookException | RuntimeException e) {
      server.stopServer();
      onStop.run();
      throw new IllegalStateException("MQTT Guard refused to run Moquette: " + e.getMessage(), e);
    }
    return new GuardedMoquette(server, live, registry, onStop, resources);
  }

  /** Opens the facade on {@code dir}; revoked sessions are disconnected from Moquette. */
  private Guard openGuard(Path dir, LiveConnections live, AdapterAudit adapterAudit)
      throws ConfigException {
    RevocationListener onRevoked =
        (session, detail) -> {
          int n = live.disconnect(s -> s == session);
          adapterAudit.deny(
              "revoke", session.identity().clientId(), "NOT_AUTHORIZED", n + " disconnected");
        };
    GuardOptions options =
        GuardOptions.builder(dir, clock, random == null ? new SecureRandom() : random, onRevoked)
            .audit(audit)
            .reloadInterval(reloadInterval)
            .build();
    return Guard.open(options);
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      // stopping: nothing left to protect
    }
  }
}

package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.builder.TopicPermissionBuilder;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.guard.ClientSession;
import io.mqttguard.guard.Guard;
import io.mqttguard.guard.GuardOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ entry point and the adapter's only composition root: opens the {@link Guard} on the
 * extension's {@code conf/} folder and registers the authenticator, the client initializer (which
 * sets each connection's default permissions and only the interceptors it needs), the reload
 * re-check, the lifecycle listener and the metrics. An invalid configuration prevents the extension
 * from starting (HiveMQ then refuses every client unless another security extension, such as
 * allow-all, is installed: we warn loudly about that).
 *
 * <p>HiveMQ calls start and stop on its single start-stop thread.
 */
public final class MqttGuardExtensionMain implements ExtensionMain {
  private static final Logger LOG = LoggerFactory.getLogger(MqttGuardExtensionMain.class);

  /**
   * How long a CONNECT may wait for its authentication decision before failing closed with
   * SERVER_BUSY: 10 s, or the JVM system property {@value #AUTH_TIMEOUT_PROPERTY} (1..300 s).
   */
  static final String AUTH_TIMEOUT_PROPERTY = "mqttguard.hivemq.authTimeoutSeconds";

  /**
   * How long an ended connection's session still answers for packets it sent before its end (and
   * the client ID's reservation starts only after it): {@link LiveConnections#CLOSE_GRACE}, or the
   * JVM system property {@value #CLOSE_GRACE_PROPERTY} (1..60 s).
   */
  static final String CLOSE_GRACE_PROPERTY = "mqttguard.hivemq.closeGraceSeconds";

  private @Nullable Guard guard;
  private @Nullable LiveConnections sessions;
  private @Nullable HiveMqMetrics metrics;

  /** Called by HiveMQ's service loader. */
  public MqttGuardExtensionMain() {}

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    Path home = input.getExtensionInformation().getExtensionHomeFolder().toPath();
    warnAboutAllowAll(home);
    Path conf = home.resolve("conf");
    LiveConnections.Scheduler scheduler =
        (task, delay) -> {
          var unused =
              Services.extensionExecutorService()
                  .schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        };
    LiveConnections live = new LiveConnections(scheduler, closeGrace(), Clock.systemUTC());
    Disconnects disconnects =
        new Disconnects(
            live,
            (clientId, code, why) ->
                Services.clientService().disconnectClient(clientId, true, code, why),
            scheduler);
    ReloadRecheck recheck = new ReloadRecheck(live, disconnects);
    Guard g;
    try {
      g =
          Guard.open(
              GuardOptions.builder(
                      conf,
                      Clock.systemUTC(),
                      new SecureRandom(),
                      (s, why) -> revoke(disconnects, s, why))
                  .reloadListener(recheck)
                  .build());
    } catch (ConfigException e) {
      // one ERROR line per problem (one problem: one line); HiveMQ logs the startup reason at
      // INFO, so it refers to that line instead of repeating the problems
      String problems =
          e.problems().size() == 1
              ? e.problems().get(0).toString()
              : e.problems().stream()
                  .map(ConfigProblem::toString)
                  .collect(Collectors.joining("\n  ", "\n  ", ""));
      LOG.error("MQTT Guard: invalid configuration in {}: {}", conf, problems);
      output.preventExtensionStartup(
          "MQTT Guard: invalid configuration in " + conf + " (logged at ERROR before)");
      return;
    } catch (RuntimeException e) {
      LOG.error("MQTT Guard: cannot start", e);
      output.preventExtensionStartup("MQTT Guard: cannot start: " + e);
      return;
    }
    guard = g;
    sessions = live;
    metrics = new HiveMqMetrics(Services.metricRegistry(), g.metrics());
    register(g, live, recheck, disconnects);
    LOG.info(
        "MQTT Guard: enforcing the configuration in {} (loaded by {})",
        conf,
        MqttGuardExtensionMain.class.getClassLoader().getClass().getName());
    LOG.info(
        "MQTT Guard: every CONNECT is decided by MQTT Guard's authenticator; a HiveMQ default"
            + " authentication behaviour (embedded HiveMQ logs 'Setting default authentication"
            + " behavior to ALLOW ALL') applies only while no authenticator is registered, and"
            + " does not let clients past MQTT Guard");
  }

  private static void register(
      Guard g, LiveConnections live, ReloadRecheck recheck, Disconnects disconnects) {
    Supplier<TopicPermissionBuilder> builders = () -> Builders.topicPermission();
    GuardAuthenticator authenticator = new GuardAuthenticator(g, live, authTimeout(), builders);
    ClientHooks hooks =
        new ClientHooks(
            live,
            builders,
            recheck,
            disconnects,
            ClientHooks.DENIED_PREFIX + UUID.randomUUID().toString());
    LifecycleListener lifecycle = new LifecycleListener(live);
    Services.securityRegistry().setAuthenticatorProvider(in -> authenticator);
    // No authorizer provider: with one registered, HiveMQ hands every PUBLISH to its extension
    // executor even when the provider returns no PublishAuthorizer (see docs/hivemq.md).
    Services.initializerRegistry().setClientInitializer(hooks);
    Services.eventRegistry().setClientLifecycleEventListener(in -> lifecycle);
  }

  static Duration authTimeout() {
    long seconds = Long.getLong(AUTH_TIMEOUT_PROPERTY, 10L);
    return Duration.ofSeconds(Math.max(1, Math.min(300, seconds)));
  }

  static Duration closeGrace() {
    long seconds = Long.getLong(CLOSE_GRACE_PROPERTY, LiveConnections.CLOSE_GRACE.toSeconds());
    return Duration.ofSeconds(Math.max(1, Math.min(60, seconds)));
  }

  /** The guard revoked a live client: disconnect it (no will) while it is connected. */
  private static void revoke(Disconnects disconnects, ClientSession session, String why) {
    LOG.info("MQTT Guard: revoked client {}: {}", session.identity().clientId(), why);
    disconnects.disconnect(session, DisconnectReasonCode.NOT_AUTHORIZED, "Access revoked");
  }

  private static void warnAboutAllowAll(Path home) {
    for (Path allowAll : AllowAllDetector.enabledAllowAllExtensions(home)) {
      LOG.warn(
          "\n#####################################################################\n"
              + "# MQTT Guard: HiveMQ's allow-all extension is installed and enabled:\n"
              + "#   {}\n"
              + "# If MQTT Guard ever fails to start, EVERY client will be let in.\n"
              + "# Remove that folder (see docs/hivemq.md).\n"
              + "#####################################################################",
          allowAll);
    }
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    HiveMqMetrics m = metrics;
    LiveConnections s = sessions;
    Guard g = guard;
    metrics = null;
    sessions = null;
    guard = null;
    if (m != null) {
      m.close();
    }
    if (s != null) {
      s.closeAll();
    }
    if (g != null) {
      g.close();
    }
  }
}

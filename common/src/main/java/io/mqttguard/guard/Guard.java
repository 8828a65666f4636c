package io.mqttguard.guard;

import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.config.ConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * The security suite for one broker: loads a configuration directory, authenticates CONNECTs, hands
 * out {@link ClientSession}s that decide publish/subscribe/receive and payload questions, and
 * hot-reloads the directory.
 *
 * <p><b>Reload semantics.</b> The directory is checked by content hash (periodically and after file
 * events, debounced) or on {@link #reload()}. A valid change is swapped in atomically: new
 * decisions use it at once, live sessions recompile their policy and are re-checked, and sessions
 * that lost their right to be connected are reported to the {@link RevocationListener}. An invalid
 * change (or a deleted or unreadable file) is rejected: the last good snapshot stays in force and
 * the failure is logged and audited once. A reload never falls back to defaults or a weaker policy.
 *
 * <p>Thread-safe; one instance per broker; {@link #close()} stops reloading and releases the
 * guard-owned threads.
 */
public interface Guard extends AutoCloseable {

  /**
   * Loads {@code options.configDir()} and starts reloading (unless the interval is zero).
   *
   * @throws ConfigException listing every problem if the directory is not a valid configuration
   *     (e.g. {@code acl.json} is missing): the broker must then refuse to start
   */
  static Guard open(GuardOptions options) throws ConfigException {
    return DefaultGuard.open(options);
  }

  /**
   * Validates a configuration directory without starting anything (for {@code mqtt-guard check}).
   *
   * @return the snapshot, with its {@link ConfigSnapshot#warnings() warnings}
   * @throws ConfigException listing every problem of every file
   */
  static ConfigSnapshot check(Path configDir, Clock clock) throws ConfigException {
    return new SnapshotLoader(configDir, clock, io.mqttguard.audit.AuditSink.discarding())
        .loadFirst();
  }

  /**
   * Authenticates one CONNECT. The future never completes exceptionally: internal failures become a
   * rejection. Password hashing runs on the hashing executor, never on the caller's thread.
   */
  CompletableFuture<ConnectOutcome> connect(ConnectRequest request);

  /** The snapshot in force now. */
  ConfigSnapshot snapshot();

  /**
   * Checks the directory now and applies a valid change (what the periodic check does). Serialized
   * with automatic reloads; returns when done.
   */
  ReloadOutcome reload();

  /** The counters, for the adapter's metric registry. */
  GuardMetrics metrics();

  /** Stops reloading and shuts down guard-owned threads. Live sessions keep their last snapshot. */
  @Override
  void close();
}

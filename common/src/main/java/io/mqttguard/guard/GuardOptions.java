package io.mqttguard.guard;

import static java.util.Objects.requireNonNull;

import io.mqttguard.audit.AuditSink;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * How to open a {@link Guard}. Immutable; build with {@link #of} and the {@code with*} methods.
 *
 * @param configDir the directory holding {@code acl.json} (required), {@code users.json}, {@code
 *     guard.json}, {@code keys.json} and {@code payload.json} (optional)
 * @param clock time source for certificate validity, lockout, caches, audit and snapshots
 * @param random randomness for authentication (cache key, decoys) and payload protection
 * @param audit receives every audit event (connect, recheck, reload, ...)
 * @param revocationListener disconnects live clients that lost their rights (see {@link
 *     RevocationListener})
 * @param hashingExecutor bounded executor for password hashing, owned by the caller; {@code null}
 *     makes the guard create one with {@code hashingThreads} threads and shut it down on close
 * @param hashingThreads threads of the guard-owned hashing executor (1..256)
 * @param reloadInterval how often the directory's content hash is checked; {@link Duration#ZERO}
 *     turns automatic reload (periodic check and file watching) off, leaving {@link Guard#reload()}
 * @param watchFiles whether a {@code WatchService} triggers a check soon after a file event
 * @param debounce how long after the last file event the check runs (editors write in bursts)
 * @param reloadListener told after each applied reload (see {@link ReloadListener})
 */
public record GuardOptions(
    Path configDir,
    Clock clock,
    SecureRandom random,
    AuditSink audit,
    RevocationListener revocationListener,
    @Nullable Executor hashingExecutor,
    int hashingThreads,
    Duration reloadInterval,
    boolean watchFiles,
    Duration debounce,
    ReloadListener reloadListener) {

  /** Default period of the content-hash check. */
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);

  /** Default debounce after a file event. */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(300);

  public GuardOptions {
    requireNonNull(configDir, "configDir");
    requireNonNull(clock, "clock");
    requireNonNull(random, "random");
    requireNonNull(audit, "audit");
    requireNonNull(revocationListener, "revocationListener");
    requireNonNull(reloadInterval, "reloadInterval");
    requireNonNull(debounce, "debounce");
    requireNonNull(reloadListener, "reloadListener");
    if (hashingThreads < 1 || hashingThreads > 256) {
      throw new IllegalArgumentException(
          "hashingThreads must be in 1..256, but was " + hashingThreads);
    }
    if (reloadInterval.isNegative() || debounce.isNegative()) {
      throw new IllegalArgumentException("reloadInterval and debounce must not be negative");
    }
  }

  /**
   * Defaults: audit to SLF4J, a guard-owned hashing executor with one thread per available
   * processor, checks every {@link #DEFAULT_RELOAD_INTERVAL} plus file watching.
   */
  public static GuardOptions of(
      Path configDir, Clock clock, SecureRandom random, RevocationListener revocationListener) {
    return new GuardOptions(
        configDir,
        clock,
        random,
        AuditSink.slf4j(),
        revocationListener,
        null,
        Math.max(1, Math.min(256, Runtime.getRuntime().availableProcessors())),
        DEFAULT_RELOAD_INTERVAL,
        true,
        DEFAULT_DEBOUNCE,
        ReloadListener.none());
  }

  /** A copy with another audit sink. */
  public GuardOptions withAudit(AuditSink sink) {
    return new GuardOptions(
        configDir,
        clock,
        random,
        sink,
        revocationListener,
        hashingExecutor,
        hashingThreads,
        reloadInterval,
        watchFiles,
        debounce,
        reloadListener);
  }

  /** A copy using the caller's hashing executor (the caller shuts it down). */
  public GuardOptions withHashingExecutor(Executor executor) {
    return new GuardOptions(
        configDir,
        clock,
        random,
        audit,
        revocationListener,
        requireNonNull(executor),
        hashingThreads,
        reloadInterval,
        watchFiles,
        debounce,
        reloadListener);
  }

  /** A copy with a guard-owned hashing executor of {@code threads} threads. */
  public GuardOptions withHashingThreads(int threads) {
    return new GuardOptions(
        configDir,
        clock,
        random,
        audit,
        revocationListener,
        null,
        threads,
        reloadInterval,
        watchFiles,
        debounce,
        reloadListener);
  }

  /** A copy with another check period ({@link Duration#ZERO}: manual reload only, no watching). */
  public GuardOptions withReloadInterval(Duration interval) {
    return new GuardOptions(
        configDir,
        clock,
        random,
        audit,
        revocationListener,
        hashingExecutor,
        hashingThreads,
        interval,
        watchFiles,
        debounce,
        reloadListener);
  }

  /** A copy with file watching on or off (the periodic check stays). */
  public GuardOptions withWatchFiles(boolean watch, Duration debounceDelay) {
    return new GuardOptions(
        configDir,
        clock,
        random,
        audit,
        revocationListener,
        hashingExecutor,
        hashingThreads,
        reloadInterval,
        watch,
        debounceDelay,
        reloadListener);
  }

  /** A copy that tells {@code listener} about every applied reload. */
  public GuardOptions withReloadListener(ReloadListener listener) {
    return new GuardOptions(
        configDir,
        clock,
        random,
        audit,
        revocationListener,
        hashingExecutor,
        hashingThreads,
        reloadInterval,
        watchFiles,
        debounce,
        requireNonNull(listener));
  }
}

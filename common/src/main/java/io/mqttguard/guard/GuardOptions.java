package io.mqttguard.guard;

import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.mqttguard.audit.AuditSink;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * How to open a {@link Guard}. Immutable; build with {@link #builder}.
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
   * A builder with the four required parts; everything else has a default: audit to SLF4J, a
   * guard-owned hashing executor with one thread per available processor (at most 256), checks
   * every {@link #DEFAULT_RELOAD_INTERVAL} plus file watching with {@link #DEFAULT_DEBOUNCE}, no
   * reload listener.
   */
  public static Builder builder(
      Path configDir, Clock clock, SecureRandom random, RevocationListener revocationListener) {
    return new Builder(configDir, clock, random, revocationListener);
  }

  /** A builder holding every part of these options, to derive other options from them. */
  public Builder toBuilder() {
    return new Builder(configDir, clock, random, revocationListener)
        .audit(audit)
        .hashingExecutor(hashingExecutor)
        .hashingThreads(hashingThreads)
        .reloadInterval(reloadInterval)
        .watchFiles(watchFiles)
        .debounce(debounce)
        .reloadListener(reloadListener);
  }

  /**
   * Collects the parts of a {@link GuardOptions}; {@link #build()} validates them (null parts, a
   * thread count outside 1..256 or a negative duration are refused). Not thread-safe; use it on one
   * thread and keep only the built options.
   */
  public static final class Builder {
    private final Path configDir;
    private final Clock clock;
    private final SecureRandom random;
    private final RevocationListener revocationListener;
    private AuditSink audit = AuditSink.slf4j();
    private @Nullable Executor hashingExecutor;
    private int hashingThreads =
        Math.max(1, Math.min(256, Runtime.getRuntime().availableProcessors()));
    private Duration reloadInterval = DEFAULT_RELOAD_INTERVAL;
    private boolean watchFiles = true;
    private Duration debounce = DEFAULT_DEBOUNCE;
    private ReloadListener reloadListener = ReloadListener.none();

    private Builder(
        Path configDir, Clock clock, SecureRandom random, RevocationListener revocationListener) {
      this.configDir = configDir;
      this.clock = clock;
      this.random = random;
      this.revocationListener = revocationListener;
    }

    /** Where audit events go. */
    @CanIgnoreReturnValue
    public Builder audit(AuditSink sink) {
      this.audit = sink;
      return this;
    }

    /**
     * The caller's hashing executor (the caller shuts it down); {@code null} (the default) makes
     * the guard own one of {@link #hashingThreads} threads.
     */
    @CanIgnoreReturnValue
    public Builder hashingExecutor(@Nullable Executor executor) {
      this.hashingExecutor = executor;
      return this;
    }

    /** Threads of the guard-owned hashing executor (used only without a caller's executor). */
    @CanIgnoreReturnValue
    public Builder hashingThreads(int threads) {
      this.hashingThreads = threads;
      return this;
    }

    /** The check period ({@link Duration#ZERO}: manual reload only, no watching). */
    @CanIgnoreReturnValue
    public Builder reloadInterval(Duration interval) {
      this.reloadInterval = interval;
      return this;
    }

    /** File watching on or off (the periodic check stays). */
    @CanIgnoreReturnValue
    public Builder watchFiles(boolean watch) {
      this.watchFiles = watch;
      return this;
    }

    /** How long after the last file event the check runs. */
    @CanIgnoreReturnValue
    public Builder debounce(Duration delay) {
      this.debounce = delay;
      return this;
    }

    /** Told about every applied reload. */
    @CanIgnoreReturnValue
    public Builder reloadListener(ReloadListener listener) {
      this.reloadListener = listener;
      return this;
    }

    /**
     * @throws NullPointerException if a part is null
     * @throws IllegalArgumentException if a value is out of range
     */
    public GuardOptions build() {
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
          reloadListener);
    }
  }
}

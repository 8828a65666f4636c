package io.mqttguard.guard;

import io.mqttguard.payload.KeyUsage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists the broker's {@link KeyUsage} counts to the {@code keyUsageFile} of the configuration in
 * force: every {@link #INTERVAL} on one daemon thread ({@code mqttguard-key-usage}) when the counts
 * changed, and once more at {@link #close()}. A failed write is logged (once per distinct failure)
 * and retried at the next interval; it never affects decisions. Thread-safe.
 */
final class KeyUsageSaver implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(Guard.class);

  private final KeyUsage usage;
  private final FileSource file;
  private @Nullable ScheduledExecutorService scheduler;
  private @Nullable Map<Long, Long> saved;
  private @Nullable Path savedTo;
  private @Nullable String lastFailure;

  /**
   * @param file the resolved key usage file of the configuration in force, or {@code null}
   */
  KeyUsageSaver(KeyUsage usage, FileSource file) {
    this.usage = usage;
    this.file = file;
  }

  /** Where to save now. */
  @FunctionalInterface
  interface FileSource {
    /** The resolved key usage file of the configuration in force, or {@code null}. */
    @Nullable Path get();
  }

  /** Starts the periodic save. */
  void start() {
    ScheduledThreadPoolExecutor s =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "mqttguard-key-usage");
              t.setDaemon(true);
              return t;
            });
    s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    long millis = INTERVAL.toMillis();
    var unused = s.scheduleWithFixedDelay(this::save, millis, millis, TimeUnit.MILLISECONDS);
    scheduler = s;
  }

  /** Writes the counts if a file is configured and they changed since the last write. */
  synchronized void save() {
    Path target = file.get();
    if (target == null) {
      return;
    }
    Map<Long, Long> now = usage.snapshot();
    if (now.equals(saved) && target.equals(savedTo)) {
      return;
    }
    try {
      KeyUsage.write(target, now);
      saved = now;
      savedTo = target;
      lastFailure = null;
    } catch (IOException | RuntimeException e) {
      String failure = target + ": " + e;
      if (!failure.equals(lastFailure)) {
        LOG.error("cannot write the key usage file {}", failure);
        lastFailure = failure;
      }
    }
  }

  /** Stops the periodic save and saves once more. */
  @Override
  public void close() {
    ScheduledExecutorService s = scheduler;
    if (s != null) {
      s.shutdownNow();
    }
    save();
  }
}

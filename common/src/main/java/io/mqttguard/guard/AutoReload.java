package io.mqttguard.guard;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triggers reload checks: periodically (the content hash catches every change, also on file systems
 * where watching is unreliable) and, if enabled, shortly after a file event in the configuration
 * directory (debounced: a burst of events gives one check). One daemon scheduler thread runs every
 * check; one daemon thread waits for file events. Thread-safe.
 */
final class AutoReload implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Guard.class);

  private final Runnable check;
  private final ScheduledExecutorService scheduler;
  private final Duration debounce;
  private @Nullable WatchService watchService;
  private @Nullable ScheduledFuture<?> pending;

  private AutoReload(Runnable check, Duration debounce) {
    this.check = check;
    this.debounce = debounce;
    ScheduledThreadPoolExecutor s =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "mqttguard-reload");
              t.setDaemon(true);
              return t;
            });
    s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.scheduler = s;
  }

  /** Starts periodic checks every {@code interval} and, if {@code watch}, file watching. */
  static AutoReload start(
      Path dir, Duration interval, boolean watch, Duration debounce, Runnable check) {
    AutoReload a = new AutoReload(check, debounce);
    long millis = Math.max(1, interval.toMillis());
    var unused =
        a.scheduler.scheduleWithFixedDelay(a::runCheck, millis, millis, TimeUnit.MILLISECONDS);
    if (watch) {
      a.startWatching(dir);
    }
    return a;
  }

  private void startWatching(Path dir) {
    try {
      WatchService ws = dir.getFileSystem().newWatchService();
      WatchKey unusedKey =
          dir.register(
              ws,
              StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE);
      watchService = ws;
      Thread t = new Thread(() -> watchLoop(ws), "mqttguard-watch");
      t.setDaemon(true);
      t.start();
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn(
          "cannot watch {} ({}); changes are picked up by the periodic check only",
          dir,
          e.getClass().getSimpleName());
    }
  }

  private void watchLoop(WatchService ws) {
    try {
      while (true) {
        WatchKey key = ws.take();
        var unused = key.pollEvents();
        schedule();
        if (!key.reset()) {
          LOG.warn("configuration directory is no longer watched; periodic checks continue");
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ClosedWatchServiceException e) {
      // closed by close()
    }
  }

  private synchronized void schedule() {
    ScheduledFuture<?> p = pending;
    if (p != null) {
      p.cancel(false);
    }
    if (!scheduler.isShutdown()) {
      pending = scheduler.schedule(this::runCheck, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void runCheck() {
    try {
      check.run();
    } catch (RuntimeException | Error e) {
      // Never let the scheduler die: the next period tries again.
      LOG.error("configuration reload check failed unexpectedly: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    scheduler.shutdown(); // no interrupt: a running check finishes; periodic runs stop
    WatchService ws = watchService;
    if (ws != null) {
      try {
        ws.close();
      } catch (IOException e) {
        LOG.debug("closing the watch service failed: {}", e.toString());
      }
    }
  }
}

package io.mqttguard.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic reload: file watching and the periodic content-hash check. These are the only facade
 * tests that wait for real time (a bounded poll, not a fixed sleep).
 */
class AutoReloadTest {
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void fileWatch_appliesAChangeWithoutAManualReload() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    GuardOptions o =
        c.options().toBuilder()
            .reloadInterval(Duration.ofHours(1))
            .watchFiles(true)
            .debounce(Duration.ofMillis(50))
            .build();
    try (Guard g = Guard.open(o)) {
      c.write("users.json", ConfigDir.USERS.replace("\"bob\"", "\"carol\""));
      await(() -> g.snapshot().generation() == 2);
      assertThat(g.snapshot().auth().users().usernames()).contains("carol");
    }
  }

  @Test
  void periodicCheck_appliesAChangeWithoutWatching_andReportsABrokenFileOnce() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    GuardOptions o =
        c.options().toBuilder()
            .reloadInterval(Duration.ofMillis(30))
            .watchFiles(false)
            .debounce(Duration.ZERO)
            .build();
    try (Guard g = Guard.open(o)) {
      c.write("users.json", "{\"users\": ");
      await(() -> c.events("reload").size() == 1);
      // A different, still valid file changes the fingerprint but not the failure: no new report.
      c.write("acl.json", ConfigDir.ACL + " ");
      c.write("users.json", ConfigDir.USERS.replace("\"bob\"", "\"carol\""));
      // The audit event is written after the swap: wait for it, not for the generation.
      await(() -> c.events("reload").size() == 2);
      assertThat(g.snapshot().generation()).isEqualTo(2);
      assertThat(g.metrics().count(GuardMetric.RELOAD_FAILURE)).isEqualTo(1);
      assertThat(c.events("reload")).extracting(e -> e.outcome()).containsExactly("error", "allow");
    }
  }

  @Test
  void close_stopsAutomaticReloads() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    GuardOptions o =
        c.options().toBuilder()
            .reloadInterval(Duration.ofMillis(20))
            .watchFiles(true)
            .debounce(Duration.ofMillis(10))
            .build();
    Guard g = Guard.open(o);
    g.close();
    c.write("users.json", ConfigDir.USERS.replace("\"bob\"", "\"carol\""));
    Thread.sleep(400); // 20 check periods: long enough for a reload that should not happen
    assertThat(g.snapshot().generation()).isEqualTo(1);
    assertThat(c.events("reload")).isEmpty();
  }
}

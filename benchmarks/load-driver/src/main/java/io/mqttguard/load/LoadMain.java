package io.mqttguard.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Runs a comparison: after a discarded JIT warm-up round (every target once, 1-second window), for
 * each round each selected target in order gets a fresh broker and, per QoS, a warm-up and a
 * measured window (targets alternate: A B C A B C ...); then prints every window and a Markdown
 * table with the ratios against the first target (the baseline) of the same round.
 */
public final class LoadMain {
  private LoadMain() {}

  /**
   * Parses {@code args}, runs the targets and prints the report; returns the process exit code.
   *
   * @param command how the user started us (for the usage text)
   * @param broker one line naming the broker (for the report)
   * @param targets the targets; the first one is the baseline
   * @param login the credentials every client connects with
   * @param mqttVersion 3 (3.1.1) or 5
   */
  public static int run(
      String command,
      String broker,
      String[] args,
      List<Target> targets,
      Credentials login,
      int mqttVersion)
      throws Exception {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(LoadOptions.usage(command));
      return 2;
    }
    if (options == null) {
      System.out.println(LoadOptions.usage(command));
      return 0;
    }
    System.out.println(environment(broker, options, mqttVersion));
    Path scratch = Files.createTempDirectory("mqtt-guard-load");
    List<Result> results = new ArrayList<>();
    // Round 0 (discarded): every target once, so that no target of round 1 runs on a cold JIT.
    for (int round = 0; round <= options.rounds(); round++) {
      LoadOptions o = round == 0 ? options.jitWarmup() : options;
      for (Target t : targets) {
        if (options.selected(t.name())) {
          runTarget(t, round, o, scratch, login, mqttVersion, round == 0 ? null : results);
        }
      }
    }
    System.out.println();
    System.out.println(Report.markdown(targets, results));
    return 0;
  }

  private static void runTarget(
      Target t,
      int round,
      LoadOptions o,
      Path scratch,
      Credentials login,
      int mqttVersion,
      @Nullable List<Result> results)
      throws Exception {
    Path home = Files.createDirectories(scratch.resolve(round + "-" + t.name()));
    RunningBroker b;
    try {
      b = t.starter().start(home);
    } catch (Exception e) {
      System.out.println(
          "round " + round + " " + t.name() + " SKIPPED, broker did not start: " + e);
      return;
    }
    try (b) {
      for (int qos : o.qos()) {
        Result r = LoadRunner.run(t, round, qos, b.port(), login, mqttVersion, o);
        System.out.println(r.line() + (results == null ? " [JIT warm-up, discarded]" : ""));
        if (results != null) {
          results.add(r);
        }
      }
    }
  }

  private static String environment(String broker, LoadOptions o, int mqttVersion) {
    return String.format(
        Locale.ROOT,
        "%s | %s | Java %s (%s) | %d CPUs visible | %s %s%n"
            + "%d publishers -> %d subscribers (%s), MQTT %s, payload %d B, window %d/publisher,"
            + " warm-up %ds, measure %ds, QoS %s, rounds %d, load average %.1f",
        Instant.now(),
        broker,
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        o.publishers(),
        o.subscribers(),
        o.fanout() ? "fan-out: every subscriber gets every message" : "each message to one",
        mqttVersion == 5 ? "5" : "3.1.1",
        o.payloadBytes(),
        o.window(),
        o.warmup().toSeconds(),
        o.measure().toSeconds(),
        o.qos(),
        o.rounds(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** The median of {@code values} (NaN if empty). */
  static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    v.sort(Comparator.naturalOrder());
    if (v.isEmpty()) {
      return Double.NaN;
    }
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }
}

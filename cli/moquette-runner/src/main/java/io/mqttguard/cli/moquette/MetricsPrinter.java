package io.mqttguard.cli.moquette;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints the guard's gauges of a Dropwizard registry as one console line ({@code metrics:
 * mqttguard.acl.publish.denied=1 ...}, sorted by name) every period, and once more, as {@code
 * metrics at stop: ...}, when stopped. Thread-safe; owns one daemon thread.
 */
final class MetricsPrinter implements AutoCloseable {
  private final MetricRegistry registry;
  private final PrintStream out;
  private final ScheduledExecutorService timer;

  MetricsPrinter(MetricRegistry registry, PrintStream out, long periodSeconds) {
    this.registry = registry;
    this.out = out;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mqtt-guard-metrics");
              t.setDaemon(true);
              return t;
            });
    var unused =
        timer.scheduleAtFixedRate(
            () -> out.println("metrics: " + line()),
            periodSeconds,
            periodSeconds,
            TimeUnit.SECONDS);
  }

  /** Every {@code mqttguard.*} gauge as {@code name=value}, separated by spaces. */
  @SuppressWarnings("rawtypes") // Dropwizard's getGauges() returns raw Gauges
  String line() {
    StringJoiner line = new StringJoiner(" ");
    for (Map.Entry<String, Gauge> e : registry.getGauges().entrySet()) {
      if (e.getKey().startsWith("mqttguard.")) {
        Object value = e.getValue().getValue();
        line.add(
            e.getKey()
                + "="
                + (value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : value));
      }
    }
    return line.toString();
  }

  /** Stops the periodic line and prints the final one. */
  @Override
  public void close() {
    timer.shutdownNow();
    out.println("metrics at stop: " + line());
  }
}

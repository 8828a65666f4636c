package io.mqttguard.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Markdown tables of a run: every window with its ratio to the baseline of the same round. */
final class Report {
  private Report() {}

  static String markdown(List<Target> targets, List<Result> results) {
    String baseline = targets.get(0).name();
    StringBuilder b = new StringBuilder();
    b.append("| round | QoS | target | msgs/s | vs ").append(baseline);
    b.append(" | p50 µs | p99 µs | p50 vs base | p99 vs base | lost | failed |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      Optional<Result> base = find(results, baseline, r.round(), r.qos());
      b.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %s | %.0f | %s | %.0f | %.0f | %s | %s | %d | %d |%n",
              r.round(),
              r.qos(),
              r.target(),
              r.rate(),
              base.map(x -> pct(r.rate() / x.rate())).orElse("–"),
              r.p50Micros(),
              r.p99Micros(),
              base.map(x -> times(r.p50Micros() / x.p50Micros())).orElse("–"),
              base.map(x -> times(r.p99Micros() / x.p99Micros())).orElse("–"),
              r.timeouts(),
              r.failures()));
    }
    b.append("\nMedian throughput ratio over rounds (target / ").append(baseline).append("):\n");
    for (Target t : targets.subList(1, targets.size())) {
      for (int qos = 0; qos <= 1; qos++) {
        List<Double> ratios = new ArrayList<>();
        for (Result r : results) {
          if (r.target().equals(t.name()) && r.qos() == qos) {
            find(results, baseline, r.round(), qos).ifPresent(x -> ratios.add(r.rate() / x.rate()));
          }
        }
        if (!ratios.isEmpty()) {
          b.append(
              String.format(
                  Locale.ROOT,
                  "- %s, QoS %d: %s (rounds: %d)%n",
                  t.name(),
                  qos,
                  pct(LoadMain.median(ratios)),
                  ratios.size()));
        }
      }
    }
    return b.toString();
  }

  private static Optional<Result> find(List<Result> all, String target, int round, int qos) {
    return all.stream()
        .filter(r -> r.target().equals(target) && r.round() == round && r.qos() == qos)
        .findFirst();
  }

  private static String pct(double ratio) {
    return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }
}

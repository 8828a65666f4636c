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
    b.append(" | p50 µs | p99 µs | p50 vs base | p99 vs base | lost | failed | load");
    b.append(" | broker CPU µs/msg |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      Optional<Result> base = find(results, baseline, r.round(), r.qos());
      b.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %s | %.0f | %s | %.0f | %.0f | %s | %s | %d | %d | %.1f | %.2f |%n",
              r.round(),
              r.qos(),
              r.target(),
              r.rate(),
              base.map(x -> pct(r.rate() / x.rate())).orElse("–"),
              r.p50Micros(),
              r.p99Micros(),
              base.map(x -> times(r.p50Micros() / x.p50Micros())).orElse("–"),
              base.map(x -> times(r.p99Micros() / x.p99Micros())).orElse("–"),
              r.lost(),
              r.failures(),
              r.loadAverage(),
              r.brokerCpuMicrosPerMessage()));
    }
    b.append("\nMedians over rounds of the per-round ratios (target / ").append(baseline);
    b.append("); broker capacity = base's broker CPU per message / target's:\n\n");
    b.append("| target | QoS | msgs/s | p50 latency | p99 latency | broker capacity | rounds |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    for (Target t : targets.subList(1, targets.size())) {
      for (int qos = 0; qos <= 1; qos++) {
        List<Double> rate = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> capacity = new ArrayList<>();
        for (Result r : results) {
          if (r.target().equals(t.name()) && r.qos() == qos) {
            Optional<Result> x = find(results, baseline, r.round(), qos);
            if (x.isPresent()) {
              rate.add(r.rate() / x.get().rate());
              p50.add(r.p50Micros() / x.get().p50Micros());
              p99.add(r.p99Micros() / x.get().p99Micros());
              capacity.add(x.get().brokerCpuMicrosPerMessage() / r.brokerCpuMicrosPerMessage());
            }
          }
        }
        if (!rate.isEmpty()) {
          b.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %d | %s | %s | %s | %s | %d |%n",
                  t.name(),
                  qos,
                  pct(LoadMain.median(rate)),
                  times(LoadMain.median(p50)),
                  times(LoadMain.median(p99)),
                  pct(LoadMain.median(capacity)),
                  rate.size()));
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

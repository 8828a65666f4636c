package io.mqttguard.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Command-line options of a load run (immutable).
 *
 * @param warmup load before the measured window (not counted)
 * @param measure the measured window
 * @param publishers number of publishing clients
 * @param subscribers number of subscribing clients
 * @param qos the QoS levels to run, in order
 * @param payloadBytes plaintext payload size (the encrypted variants send an envelope around it)
 * @param window messages per publisher in flight end to end (sent, not yet received)
 * @param rounds how often the whole sequence of targets is repeated (interleaved)
 * @param only target names to run (empty: all)
 * @param fanout if true every subscriber subscribes to {@code bench/#} and receives every message
 *     (M deliveries per publish); otherwise each message reaches exactly one subscriber
 */
public record LoadOptions(
    Duration warmup,
    Duration measure,
    int publishers,
    int subscribers,
    List<Integer> qos,
    int payloadBytes,
    int window,
    int rounds,
    List<String> only,
    boolean fanout) {

  /** The smallest payload that holds the message header (magic, publisher, sequence, time). */
  public static final int MIN_PAYLOAD = 24;

  public LoadOptions {
    qos = List.copyOf(qos);
    only = List.copyOf(only);
    if (publishers < 1 || subscribers < 1 || window < 1 || rounds < 1) {
      throw new IllegalArgumentException("publishers, subscribers, window, rounds must be >= 1");
    }
    if (payloadBytes < MIN_PAYLOAD) {
      throw new IllegalArgumentException("--payload must be >= " + MIN_PAYLOAD + " bytes");
    }
    if (qos.isEmpty()) {
      throw new IllegalArgumentException("--qos needs at least one level");
    }
    for (int q : qos) {
      if (q < 0 || q > 1) {
        throw new IllegalArgumentException("--qos takes 0 and/or 1, got " + q);
      }
    }
  }

  /** Usage text for {@code --help}. */
  public static String usage(String command) {
    return String.join(
        "\n",
        "usage: " + command + " [options]",
        "  --warmup SECONDS      warm-up per target and QoS (default 10)",
        "  --measure SECONDS     measured window per target and QoS (default 20)",
        "  --publishers N        publishing clients (default 8)",
        "  --subscribers M       subscribing clients (default 8)",
        "  --qos LIST            comma-separated QoS levels, 0 and/or 1 (default 0,1)",
        "  --payload BYTES       plaintext payload size (default 256)",
        "  --window W            in-flight messages per publisher, end to end (default 16)",
        "  --rounds R            repeat the target sequence R times, interleaved (default 1)",
        "  --only NAMES          comma-separated target names to run (default: all)",
        "  --fanout              every subscriber receives every message (default: each message",
        "                        reaches one subscriber)");
  }

  /**
   * Parses {@code args}; returns null if {@code --help} was given.
   *
   * @throws IllegalArgumentException on an unknown flag or a bad value
   */
  public static @Nullable LoadOptions parse(String[] args) {
    Duration warmup = Duration.ofSeconds(10);
    Duration measure = Duration.ofSeconds(20);
    int publishers = 8;
    int subscribers = 8;
    List<Integer> qos = List.of(0, 1);
    int payload = 256;
    int window = 16;
    int rounds = 1;
    List<String> only = List.of();
    boolean fanout = false;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        return null;
      }
      if (flag.equals("--fanout")) {
        fanout = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + flag);
      }
      String v = args[++i];
      switch (flag) {
        case "--warmup" -> warmup = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        case "--measure" -> measure = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        case "--publishers" -> publishers = Integer.parseInt(v);
        case "--subscribers" -> subscribers = Integer.parseInt(v);
        case "--qos" -> qos = ints(v);
        case "--payload" -> payload = Integer.parseInt(v);
        case "--window" -> window = Integer.parseInt(v);
        case "--rounds" -> rounds = Integer.parseInt(v);
        case "--only" -> only = List.of(v.toLowerCase(Locale.ROOT).split(",", -1));
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    return new LoadOptions(
        warmup, measure, publishers, subscribers, qos, payload, window, rounds, only, fanout);
  }

  private static List<Integer> ints(String csv) {
    List<Integer> out = new ArrayList<>();
    for (String s : csv.split(",", -1)) {
      out.add(Integer.parseInt(s.trim()));
    }
    return out;
  }

  /** These options with a 1-second measured window (for the discarded JIT warm-up round). */
  LoadOptions jitWarmup() {
    return new LoadOptions(
        warmup,
        Duration.ofSeconds(1),
        publishers,
        subscribers,
        qos.subList(0, 1),
        payloadBytes,
        window,
        1,
        only,
        fanout);
  }

  /** Whether target {@code name} is selected by {@code --only}. */
  public boolean selected(String name) {
    return only.isEmpty() || only.contains(name.toLowerCase(Locale.ROOT));
  }
}

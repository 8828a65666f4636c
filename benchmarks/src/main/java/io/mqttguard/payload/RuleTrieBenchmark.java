package io.mqttguard.payload;

import io.mqttguard.benchmarks.CpuClock;
import io.mqttguard.topic.TopicFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Payload rule lookup ({@link RuleTrie#find}) for 10 and 10,000 rules of 5-level filters mixing
 * literals and {@code +}/{@code #} (the pattern of {@code AclDecisionBenchmark}); the topics cycle
 * through 1,024 names drawn from the whole rule set, about half of which match a rule. {@code
 * compact}: the production trie (issue 20: int records, one edge table); {@code legacy}: the
 * object-per-level trie it replaced ({@link LegacyRuleTrie}, from common's test jar), the baseline
 * of the same run. In the package of the trie because it is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleTrieBenchmark {
  private static final int TOPICS = 1024;

  @Param({"10", "10000"})
  public int rules;

  @Param({"compact", "legacy"})
  public String impl = "compact";

  private @Nullable RuleTrie compact;
  private @Nullable LegacyRuleTrie legacy;
  private final String[] topics = new String[TOPICS];
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    List<Rule> list = rules(rules);
    if (impl.equals("legacy")) {
      legacy = new LegacyRuleTrie(list);
    } else {
      compact = new RuleTrie(list);
    }
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < TOPICS; i++) {
      int r = random.nextInt(rules);
      // Half the topics hit a rule's literal path, half a sibling no rule names.
      String device = random.nextBoolean() ? "d" + r : "x" + r;
      topics[i] = "site" + (r % 97) + "/building" + (r % 13) + "/" + device + "/telemetry/temp";
    }
  }

  private static List<Rule> rules(int n) {
    List<Rule> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String last =
          switch (i % 3) {
            case 0 -> "telemetry/+";
            case 1 -> "telemetry/#";
            default -> "+/temp";
          };
      String filter = "site" + (i % 97) + "/building" + (i % 13) + "/d" + i + "/" + last;
      list.add(
          new Rule(
              i,
              "r" + i,
              List.of(TopicFilter.of(filter)),
              Action.REQUIRE_PROTECTED,
              Set.of(),
              false,
              false,
              1024));
    }
    return list;
  }

  /** One rule lookup per invocation (the rule, as an Object: {@link Rule} is package-private). */
  @Benchmark
  public @Nullable Object find(CpuClock clock) {
    clock.calls++;
    String topic = topics[next++ & (TOPICS - 1)];
    RuleTrie c = compact;
    LegacyRuleTrie l = legacy;
    if (c != null) {
      return c.find(topic);
    }
    return l != null ? l.find(topic) : null;
  }
}

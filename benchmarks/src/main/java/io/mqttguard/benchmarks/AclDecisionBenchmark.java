package io.mqttguard.benchmarks;

import io.mqttguard.acl.AclPolicy;
import io.mqttguard.acl.ClientPolicy;
import io.mqttguard.acl.Decision;
import io.mqttguard.acl.LegacyAcl;
import io.mqttguard.config.ConfigException;
import io.mqttguard.identity.ClientIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Publish-decision throughput of a compiled {@link ClientPolicy} for policies of 10, 1,000 and
 * 100,000 rules, on 5-level topic names. The rules are 5-level filters mixing literals and {@code
 * +}/{@code #} wildcards (one in ten is a deny); the topics cycle through 1,024 names, about half
 * of which are allowed (see {@link #topicSet}). The flatness claim: the 100,000-rule case stays
 * within 2x of the 10-rule case, because a decision walks only the trie paths that match the topic.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AclDecisionBenchmark {
  private static final int TOPICS = 1024;

  @Param({"10", "1000", "100000"})
  public int rules;

  /**
   * {@code hot}: topics hit the first 10 rules only (a fixed working set, so the ratio shows the
   * algorithmic cost); {@code spread}: topics hit rules drawn from the whole policy (also measures
   * CPU cache misses of a large trie).
   */
  @Param({"hot", "spread"})
  public String topicSet;

  /**
   * {@code compact}: the production tries (issue 20: int records, one edge table per trie); {@code
   * legacy}: the object-per-level tries they replaced ({@link LegacyAcl}, from common's test jar),
   * the baseline of the same run.
   */
  @Param({"compact", "legacy"})
  public String impl;

  private ClientPolicy client;
  private String[] topics;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws ConfigException {
    AclPolicy acl = AclPolicy.parse("acl.json", policy(rules).getBytes(StandardCharsets.UTF_8));
    ClientIdentity identity = ClientIdentity.user("dev-1", "user-1", Set.of("bench"));
    client = impl.equals("legacy") ? LegacyAcl.compile(acl, identity) : acl.compile(identity);
    SplittableRandom random = new SplittableRandom(42);
    topics = new String[TOPICS];
    for (int i = 0; i < TOPICS; i++) {
      int r = random.nextInt(topicSet.equals("hot") ? Math.min(rules, 10) : rules);
      // Half the topics hit a rule's literal path, half a sibling no rule names.
      String device = random.nextBoolean() ? "d" + r : "x" + r;
      topics[i] = "site" + (r % 97) + "/building" + (r % 13) + "/" + device + "/telemetry/temp";
    }
  }

  /** The acl.json of {@code n} rules in one role. */
  static String policy(int n) {
    return policy(0, n, "bench");
  }

  /**
   * The acl.json of the rules {@code [from, to)} of the benchmark's pattern in role {@code role}.
   */
  static String policy(int from, int to, String role) {
    StringBuilder s = new StringBuilder("{\"roles\":{\"" + role + "\":{\"rules\":[");
    for (int i = from; i < to; i++) {
      if (i > from) {
        s.append(',');
      }
      String effect = i % 10 == 9 ? "deny" : "allow";
      String last =
          switch (i % 3) {
            case 0 -> "telemetry/+";
            case 1 -> "telemetry/#";
            default -> "+/temp";
          };
      s.append("{\"effect\":\"").append(effect).append("\",\"actions\":[\"publish\"],");
      s.append("\"topics\":[\"site").append(i % 97).append("/building").append(i % 13);
      s.append("/d").append(i).append('/').append(last).append("\"]}");
    }
    return s.append("]}}}").toString();
  }

  /** One publish decision per invocation. */
  @Benchmark
  public Decision publishDecision(CpuClock clock) {
    clock.calls++;
    String topic = topics[next++ & (TOPICS - 1)];
    return client.publish(topic, 1, false, 128);
  }
}

package io.mqttguard.benchmarks;

import io.mqttguard.acl.AclPolicy;
import io.mqttguard.acl.ClientPolicy;
import io.mqttguard.config.ConfigException;
import io.mqttguard.identity.ClientIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Set;
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
 * The CONNECT-time cost of {@link AclPolicy#compile}: resolving substitutions and building the
 * client's tries, for the same policies as {@link AclDecisionBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AclCompileBenchmark {
  @Param({"10", "1000", "100000"})
  public int rules;

  private AclPolicy acl;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws ConfigException {
    byte[] json = AclDecisionBenchmark.policy(rules).getBytes(StandardCharsets.UTF_8);
    acl = AclPolicy.parse("acl.json", json);
  }

  /** One CONNECT's compilation. */
  @Benchmark
  public ClientPolicy compile() {
    return acl.compile(ClientIdentity.user("dev-" + (next++ & 1023), "u", Set.of("bench")));
  }
}

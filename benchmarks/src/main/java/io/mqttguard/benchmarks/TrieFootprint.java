package io.mqttguard.benchmarks;

import io.mqttguard.acl.AclPolicy;
import io.mqttguard.acl.ClientPolicy;
import io.mqttguard.acl.LegacyAcl;
import io.mqttguard.config.ConfigException;
import io.mqttguard.identity.ClientIdentity;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Memory per rule and build cost of the compiled tries of {@link AclDecisionBenchmark#policy} (one
 * role, {@code n} substitution-free 5-level rules), for the compact tries ({@code compact}) or the
 * legacy object-per-level tries ({@code legacy}, from common's test jar). Not JMH: run one JVM per
 * measurement, e.g. {@code java -Xmx8g -cp benchmarks/target/benchmarks.jar
 * io.mqttguard.benchmarks.TrieFootprint 100000 compact 5}.
 *
 * <p>{@code compact+grants} also translates the publish grants (what HiveMQ exports at CONNECT; the
 * legacy tries always built them). Above 100,000 rules the policy is parsed in parts of 100,000
 * rules (one role each) and merged ({@link LegacyAcl#merged}), because one acl.json may not exceed
 * 16 MiB.
 *
 * <p>Prints: the cold build (the first build in the JVM: for {@code compact} the real CONNECT path
 * {@code AclPolicy.compile} of a role set not yet cached; for {@code legacy} the shared-trie build
 * the old {@code PolicyCompiler} ran), the heap delta after GC of keeping that result, per rule,
 * then {@code repeats} warm rebuilds. Times are wall and thread CPU (the machine may be shared).
 */
public final class TrieFootprint {
  /** Rules per parsed part: 1,000,000 rules do not fit into one acl.json (16 MiB). */
  private static final int PART = 100_000;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /** Keeps a built result reachable (harness only: one measurement per JVM). */
  @SuppressWarnings("unused")
  private static volatile Object sink = new Object();

  private TrieFootprint() {}

  /** Arguments: rule count, {@code compact} or {@code legacy}, number of warm rebuilds. */
  public static void main(String[] args) throws ConfigException, InterruptedException {
    int n = Integer.parseInt(args[0]);
    boolean legacy = args[1].equals("legacy");
    boolean grants = args[1].equals("compact+grants");
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    List<String> roles = new ArrayList<>();
    List<AclPolicy> parts = new ArrayList<>();
    for (int first = 0; first < n; first += PART) {
      String role = "bench" + first / PART;
      roles.add(role);
      String text = AclDecisionBenchmark.policy(first, Math.min(n, first + PART), role);
      byte[] json = text.getBytes(StandardCharsets.UTF_8);
      parts.add(AclPolicy.parse("acl.json", json));
    }
    AclPolicy acl = parts.size() == 1 ? parts.get(0) : LegacyAcl.merged(parts);
    Collections.sort(roles);
    ClientIdentity identity = ClientIdentity.user("dev-1", "user-1", Set.copyOf(roles));
    long before = usedAfterGc();
    long wall = System.nanoTime();
    long cpu = THREADS.getCurrentThreadCpuTime();
    Object kept = legacy ? LegacyAcl.legacySharedTries(acl, roles) : acl.compile(identity);
    if (grants && kept instanceof ClientPolicy p && p.publishGrants().isEmpty()) {
      throw new IllegalStateException("expected grants");
    }
    cpu = THREADS.getCurrentThreadCpuTime() - cpu;
    wall = System.nanoTime() - wall;
    sink = kept;
    long after = usedAfterGc();
    print("cold", args[1], n, wall, cpu);
    System.out.printf(
        Locale.ROOT,
        "%s n=%d heap delta %.1f MB, %.1f bytes per rule%n",
        args[1],
        n,
        (after - before) / 1e6,
        (after - before) / (double) n);
    for (int i = 0; i < repeats; i++) {
      wall = System.nanoTime();
      cpu = THREADS.getCurrentThreadCpuTime();
      Object built =
          legacy
              ? LegacyAcl.legacySharedTries(acl, roles)
              : LegacyAcl.compactSharedTries(acl, roles);
      cpu = THREADS.getCurrentThreadCpuTime() - cpu;
      wall = System.nanoTime() - wall;
      sink = built;
      print("warm", args[1], n, wall, cpu);
    }
    if (kept instanceof ClientPolicy p
        && !p.publish("site1/building1/d1/telemetry/x", 0, false, 1).allowed()) {
      throw new IllegalStateException("policy does not allow rule 1's topic");
    }
  }

  private static void print(String what, String impl, int n, long wallNanos, long cpuNanos) {
    System.out.printf(
        Locale.ROOT,
        "%s n=%d %s build: %.0f ms wall, %.0f ms thread CPU%n",
        impl,
        n,
        what,
        wallNanos / 1e6,
        cpuNanos / 1e6);
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }
}

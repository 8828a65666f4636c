package io.mqttguard.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.identity.ClientIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A policy snapshot is shared by all connections: concurrent compiles and decisions agree. */
class AclConcurrencyTest {
  private static final AclPolicy ACL =
      Acl.policy(
          "{'roles':{'a':{'rules':[{'effect':'allow','actions':['publish'],'topics':['shared/#']},"
              + "{'effect':'allow','actions':['publish'],'topics':['own/${client.id}']}]},"
              + "'b':{'rules':[{'effect':'deny','actions':['publish'],'topics':['shared/secret']}]}}}");

  @Test
  void concurrentCompilesOfManyRoleSets_decideLikeASingleThread() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(pool.submit(() -> run(thread)));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean run(int thread) {
    for (int i = 0; i < 500; i++) {
      String id = "c" + thread + "-" + i;
      Set<String> roles = i % 2 == 0 ? Set.of("a") : Set.of("a", "b");
      ClientPolicy p = ACL.compile(ClientIdentity.user(id, "u", roles));
      boolean ok =
          p.publish("shared/x", 0, false, 0).allowed()
              && p.publish("own/" + id, 0, false, 0).allowed()
              && !p.publish("own/other", 0, false, 0).allowed()
              && p.publish("shared/secret", 0, false, 0).allowed() == (i % 2 == 0);
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}

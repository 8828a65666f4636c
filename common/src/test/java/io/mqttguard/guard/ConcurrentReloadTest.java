package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.login;
import static io.mqttguard.guard.ConfigDir.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.acl.Decision;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads while many threads decide: nothing throws, and every decision comes from one snapshot
 * that was in force while it was made (never from a mixture, never from a policy older than the one
 * in force when the decision started).
 */
class ConcurrentReloadTest {
  static final int VERSIONS = 12;
  static final int THREADS = 4;

  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  /** Version {@code k} (generation k+1) lets operators publish on {@code v/k} only. */
  static String acl(int k) {
    return """
        {"roles": {
          "operator": {"rules": [{"effect": "allow", "actions": ["publish", "subscribe"],
                                  "topics": ["v/%d"]}]},
          "sensor": {"rules": []}
        }}
        """
        .formatted(k);
  }

  @Test
  void reloadUnderLoad_everyDecisionComesFromASnapshotInForceDuringIt() throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    c.write("acl.json", acl(0));
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      AtomicBoolean done = new AtomicBoolean();
      AtomicLong decisions = new AtomicLong();
      ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
      CountDownLatch started = new CountDownLatch(THREADS);
      List<Thread> threads = new java.util.ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Thread th =
            new Thread(
                () -> {
                  started.countDown();
                  while (!done.get()) {
                    decideOnce(g, alice, violations);
                    decisions.incrementAndGet();
                  }
                });
        th.setUncaughtExceptionHandler((x, e) -> violations.add("thrown: " + e));
        threads.add(th);
        th.start();
      }
      started.await();
      for (int k = 1; k < VERSIONS; k++) {
        c.write("acl.json", acl(k));
        assertThat(g.reload()).isInstanceOf(ReloadOutcome.Applied.class);
        long target = decisions.get() + 100;
        while (decisions.get() < target && violations.isEmpty()) {
          Thread.sleep(1);
        }
      }
      done.set(true);
      for (Thread th : threads) {
        th.join();
      }
      assertThat(violations).isEmpty();
      assertThat(g.snapshot().generation()).isEqualTo(VERSIONS);
      assertThat(alice.revoked()).isFalse();
      assertThat(alice.publish("v/" + (VERSIONS - 1), 0, false, 1).allowed()).isTrue();
      assertThat(alice.publish("v/0", 0, false, 1).allowed()).isFalse();
    }
  }

  @Test
  void connectsAndClosesDuringReloads_leaveNoSessionBehind_andRemovedUsersNeverKeepRights()
      throws Exception {
    ConfigDir c = new ConfigDir(tmp);
    String withoutBob = ConfigDir.USERS.replace("\"bob\"", "\"carol\"");
    try (Guard g = Guard.open(c.options())) {
      AtomicBoolean done = new AtomicBoolean();
      ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String clientId = "bob-" + t;
        Thread th =
            new Thread(
                () -> {
                  while (!done.get()) {
                    try {
                      connectDecideClose(g, clientId, violations);
                    } catch (Exception e) {
                      violations.add("thrown: " + e);
                    }
                  }
                });
        threads.add(th);
        th.start();
      }
      for (int i = 0; i < 10; i++) {
        c.write("users.json", i % 2 == 0 ? withoutBob : ConfigDir.USERS);
        assertThat(g.reload()).isInstanceOf(ReloadOutcome.Applied.class);
      }
      done.set(true);
      for (Thread th : threads) {
        th.join();
      }
      assertThat(violations).isEmpty();
      assertThat(g.metrics().liveSessions()).isZero();
    }
  }

  /** Connects as bob, publishes on his topic and closes; bob's rights must follow users.json. */
  private static void connectDecideClose(
      Guard g, String clientId, ConcurrentLinkedQueue<String> bad) throws Exception {
    ConnectOutcome o = connect(g, login(clientId, "bob", "bob-pw"));
    if (o instanceof ConnectOutcome.Accepted a) {
      ClientSession s = a.session();
      boolean bobExists = g.snapshot().auth().users().usernames().contains("bob");
      boolean allowed = s.publish("sensors/bob/t", 0, false, 1).allowed();
      boolean bobStillExists = g.snapshot().auth().users().usernames().contains("bob");
      if (allowed && !bobExists && !bobStillExists) {
        bad.add("removed user bob was allowed to publish");
      }
      s.close(java.time.Duration.ZERO);
    }
  }

  private static void decideOnce(Guard g, ClientSession s, ConcurrentLinkedQueue<String> bad) {
    int k = ThreadLocalRandom.current().nextInt(VERSIONS);
    long before = g.snapshot().generation();
    Decision d =
        ThreadLocalRandom.current().nextBoolean()
            ? s.publish("v/" + k, 1, false, 10)
            : s.subscribe("v/" + k, 1);
    long after = g.snapshot().generation();
    long gen = k + 1L; // the only generation that allows v/k
    if (d.allowed() && (gen < before || gen > after)) {
      bad.add("v/" + k + " allowed outside generations " + before + ".." + after);
    }
    if (!d.allowed() && before == after && gen == before) {
      bad.add("v/" + k + " denied although generation " + gen + " was in force throughout");
    }
  }
}

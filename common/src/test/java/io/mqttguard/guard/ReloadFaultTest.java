package io.mqttguard.guard;

import static io.mqttguard.guard.ConfigDir.connect;
import static io.mqttguard.guard.ConfigDir.login;
import static io.mqttguard.guard.ConfigDir.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 "Faults": a broken reload never weakens or drops the policy in force, and each failure is
 * reported once (log, audit event {@code reload}/{@code error}, counter).
 */
class ReloadFaultTest {
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path tmp;

  @SuppressWarnings("NullAway.Init")
  ConfigDir c;

  @BeforeEach
  void setUp() throws Exception {
    c = new ConfigDir(tmp);
  }

  /** Reloads twice and checks: rejected, reported exactly once, generation 1 still in force. */
  private void assertRejectedOnceAndLastGoodKept(Guard g, String expectedInMessage)
      throws Exception {
    ReloadOutcome first = g.reload();
    ReloadOutcome again = g.reload();
    assertThat(first)
        .isInstanceOfSatisfying(
            ReloadOutcome.Rejected.class,
            r -> {
              assertThat(r.reported()).isTrue();
              assertThat(r.problems().getMessage()).contains(expectedInMessage);
            });
    assertThat(again)
        .isInstanceOfSatisfying(
            ReloadOutcome.Rejected.class, r -> assertThat(r.reported()).isFalse());
    assertThat(g.snapshot().generation()).isEqualTo(1);
    assertThat(g.metrics().count(GuardMetric.RELOAD_FAILURE)).isEqualTo(1);
    assertThat(c.events("reload"))
        .singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo("error"));
    // The last good users file is still enforced: bob logs in, a wrong password does not.
    assertThat(connect(g, login("b2", "bob", "bob-pw")))
        .isInstanceOf(ConnectOutcome.Accepted.class);
    assertThat(connect(g, login("b3", "bob", "wrong"))).isInstanceOf(ConnectOutcome.Rejected.class);
  }

  @Test
  void truncatedFile_keepsLastGood_reportedOnce() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      c.write("users.json", ConfigDir.USERS.substring(0, ConfigDir.USERS.length() / 2));
      assertRejectedOnceAndLastGoodKept(g, "users.json");
      assertThat(alice.revoked()).isFalse();
      assertThat(c.revoked).isEmpty();
    }
  }

  @Test
  void emptyFile_keepsLastGood_reportedOnce() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      c.write("acl.json", "");
      assertRejectedOnceAndLastGoodKept(g, "acl.json");
    }
  }

  @Test
  void fileBeingWritten_partialContentRejected_thenCompleteContentApplied() throws Exception {
    String next = ConfigDir.USERS.replace("\"bob\"", "\"carol\"");
    try (Guard g = Guard.open(c.options())) {
      ClientSession bob = session(connect(g, login("b1", "bob", "bob-pw")));
      for (int cut : new int[] {1, next.length() / 3, next.length() - 3}) {
        c.write("users.json", next.substring(0, cut));
        assertThat(g.reload()).isInstanceOf(ReloadOutcome.Rejected.class);
        assertThat(g.snapshot().generation()).isEqualTo(1);
        assertThat(bob.revoked()).isFalse();
      }
      c.write("users.json", next);
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Applied.class);
      assertThat(bob.revoked()).isTrue();
      assertThat(c.revoked).containsExactly("b1");
    }
  }

  @Test
  void fileWrittenConcurrentlyWithReloads_isNeverAppliedHalfWritten() throws Exception {
    StringBuilder users = new StringBuilder("{\"users\": {");
    for (int i = 0; i < 300; i++) {
      users.append("\"u").append(i).append("\": {\"password\": \"").append(ConfigDir.BOB_HASH);
      users.append("\", \"roles\": [\"sensor\"]},\n");
    }
    users.append(ConfigDir.USERS.substring(ConfigDir.USERS.indexOf('{', 1) + 1));
    byte[] content = users.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      Thread writer =
          new Thread(
              () -> {
                try (var out = Files.newOutputStream(tmp.resolve("users.json"))) {
                  for (int off = 0; off < content.length; off += 512) {
                    out.write(content, off, Math.min(512, content.length - off));
                    out.flush();
                    Thread.onSpinWait();
                  }
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      writer.start();
      while (writer.isAlive()) {
        ReloadOutcome r = g.reload();
        if (r instanceof ReloadOutcome.Applied a) {
          assertThat(a.snapshot().auth().users().usernames()).hasSize(302);
        }
      }
      writer.join();
      var unused = g.reload();
      assertThat(g.snapshot().auth().users().usernames()).hasSize(302);
      assertThat(g.snapshot().generation()).isEqualTo(2);
      assertThat(alice.revoked()).isFalse();
    }
  }

  @Test
  void deletedFile_keepsLastGood_reportedOnce() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      ClientSession alice = session(connect(g, login("a1", "alice", "alice-pw")));
      Files.delete(tmp.resolve("users.json"));
      assertRejectedOnceAndLastGoodKept(g, "deleted");
      assertThat(alice.revoked()).isFalse();
    }
  }

  @Test
  void deletedAcl_neverBecomesAllowAll() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      Files.delete(tmp.resolve("acl.json"));
      assertRejectedOnceAndLastGoodKept(g, "acl.json");
      assertThat(g.snapshot().files()).contains("acl.json");
    }
  }

  @Test
  void deletedAcl_isOneProblemOnOneLine() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      Files.delete(tmp.resolve("acl.json"));

      assertThat(g.reload())
          .isInstanceOfSatisfying(
              ReloadOutcome.Rejected.class,
              r ->
                  assertThat(r.problems().getMessage())
                      .isEqualTo(
                          "acl.json: (document): file was deleted; restore it (MQTT Guard never"
                              + " runs without an ACL)"));
    }
  }

  @Test
  void unreadableFile_keepsLastGood_reportedOnce() throws Exception {
    Path users = tmp.resolve("users.json");
    try (Guard g = Guard.open(c.options())) {
      Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("---------"));
      try {
        assumeFalse(Files.isReadable(users), "running as root: chmod 000 does not stop reads");
        assertRejectedOnceAndLastGoodKept(g, "permission denied");
      } finally {
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
      }
    }
  }

  @Test
  void fileReplacedByADirectory_keepsLastGood_reportedOnce() throws Exception {
    try (Guard g = Guard.open(c.options())) {
      Files.delete(tmp.resolve("users.json"));
      Files.createDirectory(tmp.resolve("users.json"));
      assertRejectedOnceAndLastGoodKept(g, "cannot read");
    }
  }

  @Test
  void deletedDirectory_keepsLastGood() throws Exception {
    Path dir = tmp.resolve("conf");
    Files.createDirectory(dir);
    ConfigDir inner = new ConfigDir(dir);
    try (Guard g = Guard.open(inner.options())) {
      for (String f : new String[] {"acl.json", "users.json", "guard.json"}) {
        Files.delete(dir.resolve(f));
      }
      Files.delete(dir);
      assertThat(g.reload()).isInstanceOf(ReloadOutcome.Rejected.class);
      assertThat(g.snapshot().generation()).isEqualTo(1);
      assertThat(connect(g, login("b2", "bob", "bob-pw")))
          .isInstanceOf(ConnectOutcome.Accepted.class);
    }
  }
}

package io.mqttguard.guard;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.mqttguard.audit.AuditEvent;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.PasswordHasher;
import io.mqttguard.testsupport.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A configuration directory for facade tests, plus what the adapter would observe. */
final class ConfigDir {
  static final SecureRandom RANDOM = new SecureRandom();
  static final String ALICE_HASH = PasswordHasher.argon2id(64, 1, 1, RANDOM).hash(b("alice-pw"));
  static final String BOB_HASH = PasswordHasher.argon2id(64, 1, 1, RANDOM).hash(b("bob-pw"));

  static final String ACL =
      """
      {"roles": {
        "operator": {"rules": [{"effect": "allow", "actions": ["publish", "subscribe", "receive"],
                                "topics": ["plant/#"]}]},
        "sensor": {"rules": [{"effect": "allow", "actions": ["publish"],
                              "topics": ["sensors/${user.name}/#"]}]}
      }}
      """;

  static final String USERS =
      """
      {"users": {
        "alice": {"password": "%s", "roles": ["operator"]},
        "bob": {"password": "%s", "roles": ["sensor"]}
      }}
      """
          .formatted(ALICE_HASH, BOB_HASH);

  static final String GUARD =
      """
      {"defaultListener": {"requireTlsForPassword": false}}
      """;

  final Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  final List<String> revoked = new CopyOnWriteArrayList<>();

  ConfigDir(Path dir) throws IOException {
    this.dir = dir;
    write("acl.json", ACL);
    write("users.json", USERS);
    write("guard.json", GUARD);
  }

  static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  /**
   * Replaces a file atomically (as editors and deployment tools should), so that a periodic check
   * never sees a half-written file unless a test means it to (see ReloadFaultTest).
   */
  void write(String name, String content) throws IOException {
    Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
    Files.writeString(tmp, content);
    Files.move(
        tmp,
        dir.resolve(name),
        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  GuardOptions options() {
    return GuardOptions.builder(
            dir, clock, RANDOM, (s, why) -> revoked.add(s.identity().clientId()))
        .audit(audit::add)
        .hashingThreads(2)
        .reloadInterval(Duration.ZERO)
        .build();
  }

  List<AuditEvent> events(String event) {
    return audit.stream().filter(e -> e.event().equals(event)).toList();
  }

  static ConnectRequest login(String clientId, String user, String password) {
    return new ConnectRequest(clientId, user, b(password), "tcp", "127.0.0.1", null, 5);
  }

  static ConnectOutcome connect(Guard guard, ConnectRequest r) throws Exception {
    return guard.connect(r).get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  static ClientSession session(ConnectOutcome o) {
    if (o instanceof ConnectOutcome.Accepted a) {
      return a.session();
    }
    throw new AssertionError("expected an accepted connect, got " + o);
  }
}

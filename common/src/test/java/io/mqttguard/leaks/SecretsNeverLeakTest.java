package io.mqttguard.leaks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.mqttguard.audit.AuditEvent;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.PasswordHasher;
import io.mqttguard.config.ConfigException;
import io.mqttguard.guard.ClientSession;
import io.mqttguard.guard.ConnectOutcome;
import io.mqttguard.guard.Guard;
import io.mqttguard.guard.GuardOptions;
import io.mqttguard.guard.ReloadOutcome;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Runs the core's scenarios end to end through the facade — good and bad logins, lockout, ACL
 * decisions, sealed payloads accepted, tampered, replayed and moved, plaintext downgrades, broken
 * reloads — with every log line (all levels), audit event, exception message and {@code toString}
 * captured, and asserts that no password, password hash, key material or plaintext of a refused
 * message appears in any of them.
 */
class SecretsNeverLeakTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PASSWORD = "pw-Zq81-correct-horse";
  private static final String WRONG_PASSWORD = "pw-Yt55-wrong-battery";
  private static final String REFUSED_PLAINTEXT = "CANARY-refused-plaintext-4417";

  @TempDir Path dir;

  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private final List<String> observed = new ArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private Level previousLevel = Level.INFO;
  private final String hash =
      PasswordHasher.argon2id(64, 1, 1, RANDOM).hash(PASSWORD.getBytes(UTF_8));
  private final byte[] aesKey = randomBytes(32);
  private final byte[] hmacKey = randomBytes(48);
  private String keysJson = "";

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  @BeforeEach
  void captureLogs() throws Exception {
    previousLevel = root.getLevel();
    root.setLevel(Level.TRACE);
    logs.start();
    root.addAppender(logs);
    write(
        "acl.json",
        """
        {"roles": {"operator": {"rules": [
          {"effect": "allow", "actions": ["publish", "subscribe"], "topics": ["plant/#"]}]}}}
        """);
    write(
        "users.json",
        """
        {"users": {"alice": {"password": "%s", "roles": ["operator"]}}}
        """
            .formatted(hash));
    write(
        "guard.json",
        """
        {"defaultListener": {"requireTlsForPassword": false},
         "lockout": {"maxFailuresPerUsername": 3}}
        """);
    keysJson =
        """
        {"keys": [
          {"id": 1, "algorithm": "AES-256-GCM", "status": "primary", "material": "%s"},
          {"id": 2, "algorithm": "HMAC-SHA256", "status": "primary", "material": "%s"}]}
        """
            .formatted(b64(aesKey), b64(hmacKey));
    write("keys.json", keysJson);
    write(
        "payload.json",
        """
        {"rules": [{"topics": ["plant/secure/#"], "action": "decrypt", "keys": [1]},
                   {"topics": ["plant/cmd/#"], "action": "verify-hmac", "keys": [2]}]}
        """);
  }

  @AfterEach
  void restoreLogs() {
    root.detachAppender(logs);
    root.setLevel(previousLevel);
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private void write(String name, String content) throws Exception {
    Files.writeString(dir.resolve(name), content);
  }

  private ConnectOutcome connect(Guard g, String clientId, String user, String pw)
      throws Exception {
    ConnectRequest r =
        new ConnectRequest(clientId, user, pw.getBytes(UTF_8), "tcp", "198.51.100.4", null, 5);
    observed.add(r.toString());
    ConnectOutcome o = g.connect(r).get(30, TimeUnit.SECONDS);
    observed.add(o.toString());
    return o;
  }

  @Test
  void wholeScenario_neverRevealsPasswordsHashesKeysOrRefusedPlaintext() throws Exception {
    GuardOptions options =
        GuardOptions.builder(
                dir, Clock.systemUTC(), RANDOM, (s, why) -> observed.add(why.toString()))
            .audit(audit::add)
            .hashingThreads(1)
            .reloadInterval(Duration.ZERO)
            .build();
    try (Guard g = Guard.open(options)) {
      observed.add(g.snapshot().toString());
      ConnectOutcome ok = connect(g, "alice-1", "alice", PASSWORD);
      assertThat(ok).isInstanceOf(ConnectOutcome.Accepted.class);
      ClientSession alice = ((ConnectOutcome.Accepted) ok).session();
      observed.add(alice.toString());
      for (int i = 0; i < 5; i++) { // wrong passwords until locked out, and an unknown user
        assertThat(connect(g, "alice-2", "alice", WRONG_PASSWORD))
            .isNotInstanceOf(ConnectOutcome.Accepted.class);
        assertThat(connect(g, "x-" + i, "mallory", PASSWORD))
            .isNotInstanceOf(ConnectOutcome.Accepted.class);
      }
      exercisePayloads(alice);
      exerciseBrokenReloads(g);
    }
    assertNothingLeaked();
  }

  private void exercisePayloads(ClientSession alice) throws Exception {
    PayloadSealer sealer =
        PayloadSealer.create(
            Keyset.parse("keys.json", keysJson.getBytes(UTF_8)), Clock.systemUTC(), RANDOM);
    observed.add(sealer.toString());
    byte[] good = sealer.seal("plant/secure/a", "accepted-once".getBytes(UTF_8));
    observed.add(alice.inbound("plant/secure/a", 1, false, good).toString());
    byte[] refused = sealer.seal("plant/secure/a", REFUSED_PLAINTEXT.getBytes(UTF_8));
    observed.add(alice.inbound("plant/secure/a", 1, false, refused).toString()); // first: ok
    observed.add(alice.inbound("plant/secure/a", 1, false, refused).toString()); // replay
    observed.add(alice.inbound("plant/secure/b", 1, false, refused).toString()); // moved
    byte[] flipped = refused.clone();
    flipped[flipped.length - 1] ^= 1;
    observed.add(alice.inbound("plant/secure/a", 1, false, flipped).toString()); // tampered
    observed.add(
        alice.inbound("plant/secure/a", 1, false, REFUSED_PLAINTEXT.getBytes(UTF_8)).toString());
    observed.add(
        alice.inbound("plant/cmd/x", 1, false, REFUSED_PLAINTEXT.getBytes(UTF_8)).toString());
    observed.add(alice.subscribe("#", 1).toString());
    observed.add(alice.publish("other/x", 1, false, 10).toString());
  }

  private void exerciseBrokenReloads(Guard g) throws Exception {
    String users = Files.readString(dir.resolve("users.json"));
    String keys = keysJson;
    int hashMiddle = users.indexOf(hash) + hash.length() / 2;
    write("users.json", users.substring(0, hashMiddle));
    record(g.reload());
    write("users.json", users.replace(hash, hash.substring(0, hash.length() - 3) + "!!!"));
    record(g.reload());
    write("users.json", users);
    write("keys.json", keys.substring(0, keys.indexOf(b64(aesKey)) + 20));
    record(g.reload());
    write("keys.json", keys.replace(b64(hmacKey), b64(hmacKey).substring(3)));
    record(g.reload());
    write("keys.json", keys);
    record(g.reload());
    try {
      var unused = Guard.check(dir.resolve("missing-dir"), Clock.systemUTC());
    } catch (ConfigException e) {
      observed.add(e.getMessage());
    }
  }

  private void record(ReloadOutcome outcome) {
    observed.add(outcome.toString());
    if (outcome instanceof ReloadOutcome.Rejected r) {
      observed.add(r.problems().getMessage());
    }
  }

  private List<String> secrets() {
    String[] parts = hash.split("\\$", -1);
    HexFormat hex = HexFormat.of();
    return List.of(
        PASSWORD,
        WRONG_PASSWORD,
        hash,
        parts[4], // salt
        parts[5], // digest
        b64(aesKey).substring(0, 16),
        b64(hmacKey).substring(8, 24),
        hex.formatHex(aesKey).substring(0, 16),
        hex.formatHex(hmacKey).substring(0, 16),
        REFUSED_PLAINTEXT);
  }

  private void assertNothingLeaked() {
    List<String> texts = new ArrayList<>(observed);
    for (ILoggingEvent e : logs.list) {
      texts.add(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        texts.add(t.getClassName() + ": " + t.getMessage());
      }
    }
    audit.forEach(e -> texts.add(e.toString()));
    assertThat(audit).as("the scenario was audited").hasSizeGreaterThan(10);
    assertThat(texts).as("something was observed").hasSizeGreaterThan(30);
    assertThat(logs.list)
        .as("the broken reloads were logged (the capture works)")
        .filteredOn(e -> e.getFormattedMessage().contains("reload rejected"))
        .hasSize(4);
    for (String secret : secrets()) {
      assertThat(texts).noneSatisfy(t -> assertThat(t).contains(secret));
    }
  }
}

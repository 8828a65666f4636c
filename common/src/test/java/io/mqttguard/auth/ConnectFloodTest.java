package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.config.ConfigException;
import io.mqttguard.testsupport.MutableClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 "Floods" at the authenticator (the CONNECT entry point both adapters call through the
 * guard facade): 100k random usernames and 100k distinct client IDs leave bounded state behind.
 * Bounds are asserted on the tracked entries, never on time.
 */
class ConnectFloodTest {
  static final int FLOOD = 100_000;
  static final int MAX_TRACKED_KEYS = 1_000;
  static final SecureRandom RANDOM = new SecureRandom();
  static final String HASH = PasswordHasher.argon2id(8, 1, 1, RANDOM).hash("pw".getBytes(UTF_8));

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  DefaultAuthenticator authenticator() throws ConfigException {
    String users = "{\"users\": {\"u\": {\"password\": \"" + HASH + "\", \"roles\": [\"r\"]}}}";
    String guard =
        """
        {"defaultListener": {"requireTlsForPassword": false},
         "lockout": {"maxFailuresPerUsername": 3, "maxFailuresPerAddress": 1000000,
                     "windowSeconds": 300, "initialBlockSeconds": 60, "maxBlockSeconds": 600,
                     "maxTrackedKeys": %d}}
        """
            .formatted(MAX_TRACKED_KEYS);
    AuthConfig config =
        new AuthConfig(
            UsersConfig.parse("users.json", users.getBytes(UTF_8), Set.of("r")),
            AuthSettings.parse(
                "guard.json", guard.getBytes(UTF_8), Path.of("."), Set.of("r"), clock));
    return (DefaultAuthenticator)
        Authenticator.create(config, Runnable::run, event -> {}, clock, RANDOM);
  }

  static ConnectRequest login(String clientId, String user, String password, String address) {
    return new ConnectRequest(clientId, user, password.getBytes(UTF_8), "tcp", address, null, 5);
  }

  static AuthResult result(Authenticator a, ConnectRequest r) {
    return a.authenticate(r).join();
  }

  @Test
  void hundredThousandRandomUsernames_lockoutMemoryStaysBounded() throws Exception {
    DefaultAuthenticator auth = authenticator();
    SplittableRandom random = new SplittableRandom(8);
    long trackedAtControl = -1;
    for (int i = 0; i < FLOOD; i++) {
      String user = "user-" + Long.toHexString(random.nextLong());
      String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
      AuthResult r = result(auth, login("c" + i, user, "guess", address));
      assertThat(r).isInstanceOf(AuthResult.Rejected.class);
      if (i == MAX_TRACKED_KEYS / 4) {
        trackedAtControl = auth.lockout().trackedKeys();
      }
    }
    // Control: the flood is tracked (one username key and one address key per attempt) ...
    assertThat(trackedAtControl).isGreaterThanOrEqualTo(MAX_TRACKED_KEYS / 4);
    // ... but never beyond the cap.
    System.out.printf(
        "username flood: %d tracked keys after %d attempts (cap %d), %d at attempt %d%n",
        auth.lockout().trackedKeys(),
        FLOOD,
        MAX_TRACKED_KEYS,
        trackedAtControl,
        MAX_TRACKED_KEYS / 4);
    assertThat(auth.lockout().trackedKeys()).isLessThanOrEqualTo(MAX_TRACKED_KEYS);
  }

  /** Three wrong passwords for {@code u} from one address, then the right one: must be BANNED. */
  static void assertTargetedGuessingLocksTheUser(Authenticator auth) {
    for (int i = 0; i < 3; i++) {
      assertThat(result(auth, login("t" + i, "u", "wrong", "192.0.2.1")))
          .isInstanceOf(AuthResult.Rejected.class);
    }
    assertThat(result(auth, login("t9", "u", "pw", "192.0.2.1")))
        .isInstanceOfSatisfying(
            AuthResult.Rejected.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.BANNED));
  }

  @Test
  void control_withoutFlood_targetedGuessingLocksTheUser() throws Exception {
    assertTargetedGuessingLocksTheUser(authenticator());
  }

  /**
   * Failures of usernames that exist in the users file are counted outside the flood-bounded cache,
   * so a flood of random usernames cannot switch per-username lockout off.
   */
  @Test
  void afterARandomUsernameFlood_targetedGuessingStillLocksTheUser() throws Exception {
    DefaultAuthenticator auth = authenticator();
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 20_000; i++) {
      String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
      var unused =
          result(auth, login("c" + i, "user-" + Long.toHexString(random.nextLong()), "g", address));
    }
    assertTargetedGuessingLocksTheUser(auth);
  }

  @Test
  void hundredThousandDistinctClientIds_connectedAndGone_sessionRegistryReturnsToEmpty()
      throws Exception {
    DefaultAuthenticator auth = authenticator();
    int peak = 0;
    for (int i = 0; i < FLOOD; i++) {
      AuthResult r = result(auth, login("client-" + i, "u", "pw", "192.0.2.7"));
      assertThat(r).isInstanceOf(AuthResult.Accepted.class);
      AuthResult.Accepted a = (AuthResult.Accepted) r;
      auth.onConnected(a.identity());
      peak = Math.max(peak, auth.sessions().size());
      auth.onDisconnected(a.identity(), Duration.ZERO);
    }
    assertThat(peak).as("control: a live client is registered").isEqualTo(1);
    assertThat(auth.sessions().size()).isZero();
  }

  @Test
  void clientIdsHeldForTheirSessionExpiry_areReleasedWhenItEnds() throws Exception {
    DefaultAuthenticator auth = authenticator();
    for (int i = 0; i < 10_000; i++) {
      AuthResult.Accepted a =
          (AuthResult.Accepted) result(auth, login("held-" + i, "u", "pw", "192.0.2.7"));
      auth.onConnected(a.identity());
      auth.onDisconnected(a.identity(), Duration.ofMinutes(5));
    }
    assertThat(auth.sessions().size()).as("held during their session expiry").isEqualTo(10_000);
    clock.advance(Duration.ofMinutes(6));
    // Held client IDs are free again for anyone once their expiry passed.
    assertThat(result(auth, login("held-7", "u", "pw", "192.0.2.7")))
        .isInstanceOf(AuthResult.Accepted.class);
  }

  /**
   * Ended holds are swept (at most once a minute, on a claim): the registry cannot grow forever.
   */
  @Test
  void clientIdsHeldForTheirSessionExpiry_areForgottenAfterIt() throws Exception {
    DefaultAuthenticator auth = authenticator();
    for (int i = 0; i < 10_000; i++) {
      AuthResult.Accepted a =
          (AuthResult.Accepted) result(auth, login("gone-" + i, "u", "pw", "192.0.2.7"));
      auth.onConnected(a.identity());
      auth.onDisconnected(a.identity(), Duration.ofMinutes(5));
    }
    clock.advance(Duration.ofHours(1));
    AuthResult.Accepted later =
        (AuthResult.Accepted) result(auth, login("later", "u", "pw", "192.0.2.7"));
    auth.onConnected(later.identity());
    assertThat(auth.sessions().size()).as("only the live client is registered").isEqualTo(1);
  }
}

package io.mqttguard.auth;

import static io.mqttguard.auth.AuthenticatorTest.b;
import static io.mqttguard.auth.AuthenticatorTest.reason;
import static io.mqttguard.auth.AuthenticatorTest.req;
import static io.mqttguard.auth.AuthenticatorTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.audit.AuditEvent;
import io.mqttguard.config.ConfigException;
import io.mqttguard.testsupport.MutableClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Password decisions at their edges: the verification cache, lockout bookkeeping, audit details and
 * failure paths. Every test drives the public {@link Authenticator}.
 */
class PasswordDecisionSpecTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final Set<String> ROLES = Set.of("operator", "sensor");
  static final String PW_HASH = PasswordHasher.argon2id(64, 1, 1, RANDOM).hash(b("s3cret-pw"));

  static final String USERS =
      """
      {"users": {
        "alice": {"password": "%s", "roles": ["sensor"]},
        "bob": {"password": "%s", "roles": ["sensor"]},
        "nopw": {"roles": ["sensor"]}
      }}
      """
          .formatted(PW_HASH, PW_HASH);

  static final String GUARD =
      """
      {"listeners": {"plain": {"requireTlsForPassword": false},
                     "tls12": {"minTlsVersion": "TLSv1.2"},
                     "tls13": {"minTlsVersion": "TLSv1.3"}}}
      """;

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
  final AtomicInteger hashings = new AtomicInteger();
  final Executor executor =
      r -> {
        hashings.incrementAndGet();
        r.run();
      };
  final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  AuthConfig config(String users, String guard) throws ConfigException {
    return new AuthConfig(
        UsersConfig.parse("users.json", b(users), ROLES),
        AuthSettings.parse("guard.json", b(guard), Path.of("."), ROLES, clock));
  }

  Authenticator authenticator() throws ConfigException {
    return Authenticator.create(config(USERS, GUARD), executor, events::add, clock, RANDOM);
  }

  static String detail(AuthResult r) {
    assertThat(r).isInstanceOf(AuthResult.Rejected.class);
    return ((AuthResult.Rejected) r).auditDetail();
  }

  @Test
  void cache_wrongPasswordOfTheSameLength_isNeverServedFromTheCache() throws Exception {
    Authenticator a = authenticator();
    assertThat(run(a, req("c1", "alice", "s3cret-pw", "plain")).accepted()).isTrue();
    assertThat(reason(run(a, req("c1", "alice", "s3cret-pX", "plain"))))
        .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    assertThat(reason(run(a, req("c1", "alice", "xxxxxxxxx", "plain"))))
        .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
  }

  @Test
  void cache_entryOfOneUser_doesNotAdmitAnotherUserWithTheSameHash() throws Exception {
    Authenticator a = authenticator();
    assertThat(run(a, req("c1", "alice", "s3cret-pw", "plain")).accepted()).isTrue();
    int before = hashings.get();
    assertThat(run(a, req("c2", "bob", "s3cret-pw", "plain")).accepted()).isTrue();
    assertThat(hashings).as("bob's first login is verified, not cached").hasValue(before + 1);
  }

  @Test
  void verify_wrongPasswordOneBitOff_isRejected() throws Exception {
    Authenticator a = authenticator();
    byte[] pw = b("s3cret-pw");
    pw[pw.length - 1] ^= 1;
    ConnectRequest r = new ConnectRequest("c1", "alice", pw, "plain", null, null, 5);
    assertThat(reason(run(a, r))).isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    assertThat(detail(run(a, r))).isEqualTo("wrong password");
  }

  @Test
  void password_userWithoutPasswordHash_isRejectedAfterHashingADecoy() throws Exception {
    Authenticator a = authenticator();
    AuthResult r = run(a, req("c1", "nopw", "anything", "plain"));
    assertThat(reason(r)).isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    assertThat(detail(r)).isEqualTo("user has no password");
    assertThat(hashings).hasValue(1);
    assertThat(detail(run(a, req("c1", "mallory", "anything", "plain")))).isEqualTo("unknown user");
  }

  @Test
  void password_usernameWithoutPassword_isRejectedWithoutHashing() throws Exception {
    AuthResult r = run(authenticator(), req("c1", "alice", null, "plain"));
    assertThat(reason(r)).isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    assertThat(detail(r)).isEqualTo("no password");
    assertThat(hashings).hasValue(0);
  }

  @Test
  void unknownUser_whenNoUserHasAPassword_stillCostsADecoyHash() throws Exception {
    Authenticator a =
        Authenticator.create(
            config("{\"users\": {\"nopw\": {\"roles\": [\"sensor\"]}}}", GUARD),
            executor,
            events::add,
            clock,
            RANDOM);
    AuthResult r = run(a, req("c1", "mallory", "pw", "plain"));
    assertThat(reason(r)).isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    assertThat(detail(r)).isEqualTo("unknown user");
    assertThat(hashings).hasValue(1);
  }

  @Test
  void lockout_successfulLogin_clearsTheUsernameFailures() throws Exception {
    Authenticator a = authenticator();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 4; i++) {
        assertThat(reason(run(a, req("c1", "alice", "bad" + i, "plain"))))
            .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
      }
      assertThat(run(a, req("c1", "alice", "s3cret-pw", "plain")).accepted())
          .as("round %d", round)
          .isTrue();
    }
  }

  @Test
  void lockout_reloadWithUnchangedSettings_keepsTheBlock() throws Exception {
    Authenticator a = authenticator();
    for (int i = 0; i < 5; i++) {
      var unused = run(a, req("c1", "alice", "bad" + i, "plain"));
    }
    assertThat(reason(run(a, req("c1", "alice", "s3cret-pw", "plain"))))
        .isEqualTo(RejectReason.BANNED);
    a.update(config(USERS, GUARD));
    assertThat(reason(run(a, req("c1", "alice", "s3cret-pw", "plain"))))
        .as("a reload must not lift an active block")
        .isEqualTo(RejectReason.BANNED);
    assertThat(detail(run(a, req("c1", "alice", "s3cret-pw", "plain"))))
        .isEqualTo("locked out until " + clock.instant().plus(Duration.ofSeconds(30)));
  }

  @Test
  void transport_tlsAtExactlyTheMinimumVersion_isAccepted_belowIsRefused() throws Exception {
    Authenticator a = authenticator();
    assertThat(run(a, tlsReq("tls12", "TLSv1.2")).accepted()).isTrue();
    assertThat(run(a, tlsReq("tls13", "TLSv1.3")).accepted()).isTrue();
    assertThat(detail(run(a, tlsReq("tls13", "TLSv1.2"))))
        .isEqualTo("TLS protocol TLSv1.2 is below TLSv1.3");
    for (String old : List.of("TLSv1", "TLSv1.1", "SSLv3", "QUIC")) {
      assertThat(reason(run(a, tlsReq("tls12", old))))
          .as(old)
          .isEqualTo(RejectReason.NOT_AUTHORIZED);
    }
  }

  private static ConnectRequest tlsReq(String listener, String protocol) {
    return new ConnectRequest(
        "c-" + listener,
        "alice",
        b("s3cret-pw"),
        listener,
        null,
        new TlsFacts(protocol, null, List.of()),
        5);
  }

  @Test
  void transport_passwordWithoutTlsOnTlsListener_isRefusedBeforeHashing() throws Exception {
    AuthResult r = run(authenticator(), req("c1", "alice", "s3cret-pw", "tls12"));
    assertThat(detail(r)).isEqualTo("password sent without TLS on listener that requires TLS");
    assertThat(hashings).hasValue(0);
  }

  @Test
  void internalError_throwingExecutor_isNotAuthorizedNamingOnlyTheExceptionType() throws Exception {
    Executor broken =
        r -> {
          throw new IllegalStateException("secret detail s3cret-pw");
        };
    Authenticator a =
        Authenticator.create(config(USERS, GUARD), broken, events::add, clock, RANDOM);
    AuthResult r = run(a, req("c1", "alice", "s3cret-pw", "plain"));
    assertThat(reason(r)).isEqualTo(RejectReason.NOT_AUTHORIZED);
    assertThat(detail(r)).isEqualTo("internal error: IllegalStateException");
  }

  @Test
  void auditSinkThrowingAnError_stillReturnsTheDecision() throws Exception {
    Authenticator a =
        Authenticator.create(
            config(USERS, GUARD),
            executor,
            e -> {
              throw new AssertionError("sink broken");
            },
            clock,
            RANDOM);
    assertThat(run(a, req("c1", "alice", "s3cret-pw", "plain")).accepted()).isTrue();
    assertThat(reason(run(a, req("c2", "alice", "nope", "plain"))))
        .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
  }

  @Test
  void sessions_disconnectWithoutExpiry_releasesTheClientIdForOthers() throws Exception {
    Authenticator a = authenticator();
    AuthResult.Accepted alice =
        (AuthResult.Accepted) run(a, req("shared-id", "alice", "s3cret-pw", "plain"));
    a.onConnected(alice.identity());
    assertThat(reason(run(a, req("shared-id", "bob", "s3cret-pw", "plain"))))
        .isEqualTo(RejectReason.CLIENT_IDENTIFIER_NOT_VALID);
    a.onDisconnected(alice.identity(), Duration.ZERO);
    assertThat(((DefaultAuthenticator) a).sessions().size()).isZero();
    assertThat(run(a, req("shared-id", "bob", "s3cret-pw", "plain")).accepted()).isTrue();
    assertThat(((DefaultAuthenticator) a).sessions().size()).isEqualTo(1);
  }

  @Test
  void inputLimits_areInclusive_passwordOf65535BytesIsVerified() throws Exception {
    Authenticator a = authenticator();
    ConnectRequest maxPw =
        new ConnectRequest("c1", "alice", new byte[65_535], "plain", null, null, 5);
    assertThat(detail(run(a, maxPw))).isEqualTo("wrong password");
    ConnectRequest tooLong =
        new ConnectRequest("c1", "alice", new byte[65_536], "plain", null, null, 5);
    assertThat(detail(run(a, tooLong))).isEqualTo("password longer than 65535 bytes");
    String id1024 = "c".repeat(InputScreen.MAX_CLIENT_ID);
    assertThat(run(a, req(id1024, "alice", "s3cret-pw", "plain")).accepted()).isTrue();
    assertThat(detail(run(a, req(id1024 + "c", "alice", "s3cret-pw", "plain"))))
        .isEqualTo("client ID is longer than 1024 characters");
    String user1025 = "u".repeat(InputScreen.MAX_USERNAME + 1);
    assertThat(detail(run(a, req("c2", user1025, "s3cret-pw", "plain"))))
        .isEqualTo("username is longer than 1024 characters");
    assertThat(detail(run(a, req("c2", "u".repeat(InputScreen.MAX_USERNAME), "x", "plain"))))
        .isEqualTo("unknown user");
  }

  @Test
  void disabledUser_withTheRightPassword_isNotAuthorizedNamingTheUser() throws Exception {
    Authenticator a =
        Authenticator.create(
            config(
                USERS.replace(
                    "\"roles\": [\"sensor\"]},\n  \"bob\"",
                    "\"roles\": [\"sensor\"], \"disabled\": true},\n  \"bob\""),
                GUARD),
            executor,
            events::add,
            clock,
            RANDOM);
    AuthResult r = run(a, req("c1", "alice", "s3cret-pw", "plain"));
    assertThat(reason(r)).isEqualTo(RejectReason.NOT_AUTHORIZED);
    assertThat(detail(r)).isEqualTo("user alice is disabled");
    assertThat(run(a, req("c2", "bob", "s3cret-pw", "plain")).accepted()).isTrue();
  }

  @Test
  void lockout_floodOfRandomUsernames_keepsTrackedKeysBounded() throws Exception {
    String guard =
        GUARD.replace("\"listeners\"", "\"lockout\": {\"maxTrackedKeys\": 100}, \"listeners\"");
    Authenticator a =
        Authenticator.create(config(USERS, guard), executor, events::add, clock, RANDOM);
    for (int i = 0; i < 1_000; i++) {
      ConnectRequest r =
          new ConnectRequest("c" + i, "random-" + i, b("pw"), "plain", null, null, 5);
      assertThat(reason(run(a, r))).isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    }
    assertThat(((DefaultAuthenticator) a).lockout().trackedKeys()).isBetween(1L, 100L);
  }

  @Test
  void cache_disabledByReload_everyLoginIsVerifiedAgain() throws Exception {
    Authenticator a = authenticator();
    assertThat(run(a, req("c1", "alice", "s3cret-pw", "plain")).accepted()).isTrue();
    assertThat(run(a, req("c1", "alice", "s3cret-pw", "plain")).accepted()).isTrue();
    assertThat(hashings).as("second login served from the cache").hasValue(1);
    a.update(
        config(
            USERS,
            GUARD.replace(
                "\"listeners\"", "\"verificationCache\": {\"enabled\": false}, \"listeners\"")));
    for (int i = 0; i < 3; i++) {
      assertThat(run(a, req("c1", "alice", "s3cret-pw", "plain")).accepted()).isTrue();
    }
    assertThat(hashings).as("cache disabled: every login hashes").hasValue(4);
  }
}

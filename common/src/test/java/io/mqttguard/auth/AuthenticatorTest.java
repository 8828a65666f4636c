package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.audit.AuditEvent;
import io.mqttguard.config.ConfigException;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.testsupport.MutableClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
  static final Set<String> ROLES = Set.of("operator", "sensor");
  static final SecureRandom RANDOM = new SecureRandom();
  static final String ALICE_HASH = PasswordHasher.argon2id(64, 1, 1, RANDOM).hash(b("alice-pw"));
  static final String DEV_HASH = PasswordHasher.argon2id(64, 1, 1, RANDOM).hash(b("dev-pw"));

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final AtomicInteger hashings = new AtomicInteger();
  final Executor executor =
      r -> {
        hashings.incrementAndGet();
        r.run();
      };
  final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  static final String USERS =
      """
      {"users": {
        "alice": {"password": "%s", "roles": ["operator"], "clientIds": ["alice-*"],
                  "attributes": {"site": "plant-3"}},
        "dev-7": {"password": "%s", "roles": ["sensor"], "clientIds": ["${user.name}"]},
        "free": {"password": "%s", "roles": ["sensor"]},
        "gone": {"password": "%s", "disabled": true}
      }}
      """
          .formatted(ALICE_HASH, DEV_HASH, DEV_HASH, DEV_HASH);

  static final String GUARD =
      """
      {"listeners": {"plain": {"requireTlsForPassword": false},
                     "anon": {"requireTlsForPassword": false, "allowAnonymous": true},
                     "admin": {"requireTlsForPassword": false}},
       "roleListeners": {"operator": ["plain", "admin"]}}
      """;

  AuthConfig config(String users, String guard) throws ConfigException {
    return new AuthConfig(
        UsersConfig.parse("users.json", b(users), ROLES),
        AuthSettings.parse("guard.json", b(guard), Path.of("."), ROLES, clock));
  }

  Authenticator authenticator() throws ConfigException {
    return Authenticator.create(config(USERS, GUARD), executor, events::add, clock, RANDOM);
  }

  static ConnectRequest req(
      String clientId, @Nullable String user, @Nullable String pw, String listener) {
    return new ConnectRequest(
        clientId, user, pw == null ? null : b(pw), listener, "192.0.2.7", null, 5);
  }

  static AuthResult run(Authenticator a, ConnectRequest r) {
    return a.authenticate(r).join();
  }

  static RejectReason reason(AuthResult r) {
    assertThat(r).isInstanceOf(AuthResult.Rejected.class);
    return ((AuthResult.Rejected) r).reason();
  }

  static ClientIdentity identity(AuthResult r) {
    assertThat(r).isInstanceOf(AuthResult.Accepted.class);
    return ((AuthResult.Accepted) r).identity();
  }

  @Test
  void password_correct_isAcceptedWithRolesAndAttributes() throws Exception {
    ClientIdentity id =
        identity(run(authenticator(), req("alice-1", "alice", "alice-pw", "plain")));
    assertThat(id.username()).isEqualTo("alice");
    assertThat(id.roles()).containsExactly("operator");
    assertThat(id.attributes()).containsEntry("site", "plant-3");
    assertThat(id.anonymous()).isFalse();
  }

  @Test
  void password_wrong_isBadUserNameOrPassword() throws Exception {
    assertThat(reason(run(authenticator(), req("alice-1", "alice", "nope", "plain"))))
        .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
  }

  @Test
  void unknownUser_isRejectedAfterHashingADecoy() throws Exception {
    assertThat(reason(run(authenticator(), req("x", "mallory", "pw", "plain"))))
        .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    assertThat(hashings).hasValue(1);
  }

  @Test
  void disabledUser_withRightPassword_isNotAuthorized() throws Exception {
    assertThat(reason(run(authenticator(), req("g", "gone", "dev-pw", "plain"))))
        .isEqualTo(RejectReason.NOT_AUTHORIZED);
  }

  @Test
  void clientIdBinding_patternAndSubstitution() throws Exception {
    Authenticator a = authenticator();
    assertThat(reason(run(a, req("bob-1", "alice", "alice-pw", "plain"))))
        .isEqualTo(RejectReason.CLIENT_IDENTIFIER_NOT_VALID);
    assertThat(identity(run(a, req("dev-7", "dev-7", "dev-pw", "plain"))).clientId())
        .isEqualTo("dev-7");
    assertThat(reason(run(a, req("dev-8", "dev-7", "dev-pw", "plain"))))
        .isEqualTo(RejectReason.CLIENT_IDENTIFIER_NOT_VALID);
  }

  @Test
  void takeover_sameClientIdByAnotherIdentity_isRejectedUntilTheSessionEnds() throws Exception {
    Authenticator a = authenticator();
    ClientIdentity alice = identity(run(a, req("alice-x", "alice", "alice-pw", "plain")));
    a.onConnected(alice);
    clock.advance(SessionRegistry.PENDING_TIMEOUT.plusSeconds(1)); // online, not merely pending
    // "free" has no client-ID binding, so only the session registry protects alice-x.
    assertThat(reason(run(a, req("alice-x", "free", "dev-pw", "plain"))))
        .isEqualTo(RejectReason.CLIENT_IDENTIFIER_NOT_VALID);
    // The same identity may reconnect (the broker then replaces its own session).
    assertThat(run(a, req("alice-x", "alice", "alice-pw", "plain")).accepted()).isTrue();
    a.onDisconnected(alice, Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(5));
    assertThat(reason(run(a, req("alice-x", "free", "dev-pw", "plain"))))
        .isEqualTo(RejectReason.CLIENT_IDENTIFIER_NOT_VALID);
    clock.advance(Duration.ofMinutes(6));
    assertThat(run(a, req("alice-x", "free", "dev-pw", "plain")).accepted()).isTrue();
  }

  @Test
  void takeover_claimWithoutConnectConfirmation_expiresAfterPendingTimeout() throws Exception {
    Authenticator a = authenticator();
    assertThat(run(a, req("c1", "free", "dev-pw", "plain")).accepted()).isTrue();
    assertThat(reason(run(a, req("c1", "alice", "alice-pw", "plain"))))
        .isEqualTo(RejectReason.CLIENT_IDENTIFIER_NOT_VALID);
    clock.advance(SessionRegistry.PENDING_TIMEOUT);
    // alice's binding (alice-*) still rejects c1, so use the anonymous listener instead.
    assertThat(run(a, req("c1", null, null, "anon")).accepted()).isTrue();
  }

  @Test
  void anonymous_onlyWhereAllowed() throws Exception {
    Authenticator a = authenticator();
    assertThat(identity(run(a, req("a1", null, null, "anon"))).anonymous()).isTrue();
    assertThat(reason(run(a, req("a2", null, null, "plain"))))
        .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
  }

  @Test
  void transport_passwordWithoutTls_isRefusedByDefault() throws Exception {
    assertThat(reason(run(authenticator(), req("alice-1", "alice", "alice-pw", "unlisted"))))
        .isEqualTo(RejectReason.NOT_AUTHORIZED);
    assertThat(hashings).hasValue(0);
  }

  @Test
  void transport_tlsBelowMinimum_isRefused() throws Exception {
    ConnectRequest r =
        new ConnectRequest(
            "alice-1",
            "alice",
            b("alice-pw"),
            "unlisted",
            null,
            new TlsFacts("TLSv1.1", null, List.of()),
            4);
    assertThat(((AuthResult.Rejected) run(authenticator(), r)).auditDetail())
        .isEqualTo("TLS protocol TLSv1.1 is below TLSv1.2");
    assertThat(hashings).hasValue(0);
    ConnectRequest ok =
        new ConnectRequest(
            "alice-1",
            "alice",
            b("alice-pw"),
            "unlisted",
            null,
            new TlsFacts("TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of()),
            4);
    assertThat(((AuthResult.Rejected) run(authenticator(), ok)).auditDetail())
        .isEqualTo("role operator may not connect on listener unlisted");
  }

  @Test
  void roleListeners_restrictWhereARoleMayConnect() throws Exception {
    Authenticator a = authenticator();
    assertThat(run(a, req("alice-1", "alice", "alice-pw", "admin")).accepted()).isTrue();
    assertThat(reason(run(a, req("alice-2", "alice", "alice-pw", "anon"))))
        .isEqualTo(RejectReason.NOT_AUTHORIZED);
  }

  @Test
  void cache_reconnectSkipsHashing_untilConfigurationChanges() throws Exception {
    Authenticator a = authenticator();
    assertThat(run(a, req("free-1", "free", "dev-pw", "plain")).accepted()).isTrue();
    assertThat(run(a, req("free-2", "free", "dev-pw", "plain")).accepted()).isTrue();
    assertThat(hashings).hasValue(1);
    assertThat(run(a, req("free-3", "free", "wrong", "plain")).accepted()).isFalse();
    assertThat(hashings).hasValue(2);
    a.update(config(USERS, GUARD));
    assertThat(run(a, req("free-4", "free", "dev-pw", "plain")).accepted()).isTrue();
    assertThat(hashings).hasValue(3);
  }

  @Test
  void cache_passwordChangedOnReload_oldPasswordNoLongerAccepted() throws Exception {
    Authenticator a = authenticator();
    assertThat(run(a, req("free-1", "free", "dev-pw", "plain")).accepted()).isTrue();
    a.update(
        config(
            USERS.replace(
                "\"free\": {\"password\": \"" + DEV_HASH,
                "\"free\": {\"password\": \"" + ALICE_HASH),
            GUARD));
    assertThat(run(a, req("free-1", "free", "dev-pw", "plain")).accepted()).isFalse();
    assertThat(run(a, req("free-1", "free", "alice-pw", "plain")).accepted()).isTrue();
  }

  @Test
  void lockout_afterFiveFailures_blocksWithoutHashing_thenExpires() throws Exception {
    Authenticator a = authenticator();
    for (int i = 0; i < 5; i++) {
      assertThat(reason(run(a, req("free-1", "free", "bad" + i, "plain"))))
          .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    }
    int before = hashings.get();
    assertThat(reason(run(a, req("free-1", "free", "dev-pw", "plain"))))
        .isEqualTo(RejectReason.BANNED);
    assertThat(hashings).hasValue(before);
    clock.advance(LockoutSettings.DEFAULT.initialBlock());
    assertThat(run(a, req("free-1", "free", "dev-pw", "plain")).accepted()).isTrue();
  }

  @Test
  void badInput_isRejectedWithAReason_neverAnException() throws Exception {
    Authenticator a = authenticator();
    String huge = "u".repeat(10 * 1024 * 1024);
    assertThat(reason(run(a, req("c", huge, "pw", "plain"))))
        .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    assertThat(reason(run(a, req("c", "bad\uD800", "pw", "plain"))))
        .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    for (String id : List.of(huge, "a/b", "a+b", "a#b", "a\u0000b", "\uDC00", "")) {
      assertThat(reason(run(a, req(id, "free", "dev-pw", "plain"))))
          .isEqualTo(RejectReason.CLIENT_IDENTIFIER_NOT_VALID);
    }
    assertThat(reason(run(a, req("c", "free#", "pw", "plain"))))
        .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    assertThat(((AuthResult.Rejected) run(a, req("c", "free#", "pw", "plain"))).auditDetail())
        .isEqualTo("username contains the topic character '#'");
    assertThat(hashings).hasValue(0);
    ConnectRequest bigPassword =
        new ConnectRequest("c", "free", new byte[70_000], "plain", null, null, 5);
    assertThat(reason(run(a, bigPassword))).isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    assertThat(((AuthResult.Rejected) run(a, bigPassword)).auditDetail()).contains("65535");
    assertThat(hashings).hasValue(0);
    assertThat(events)
        .allSatisfy(e -> assertThat(e.clientId() == null ? "" : e.clientId()).hasSizeLessThan(200));
  }

  @Test
  void executorRejectingWork_isServerBusy_andThrowingExecutor_isStillARejection() throws Exception {
    Executor rejecting =
        r -> {
          throw new RejectedExecutionException("full");
        };
    Authenticator a =
        Authenticator.create(config(USERS, GUARD), rejecting, events::add, clock, RANDOM);
    assertThat(reason(run(a, req("free-1", "free", "dev-pw", "plain"))))
        .isEqualTo(RejectReason.SERVER_BUSY);
    Executor broken =
        r -> {
          throw new IllegalStateException("boom");
        };
    Authenticator b =
        Authenticator.create(config(USERS, GUARD), broken, events::add, clock, RANDOM);
    assertThat(b.authenticate(req("free-1", "free", "dev-pw", "plain")))
        .succeedsWithin(Duration.ofSeconds(5))
        .satisfies(r -> assertThat(reason(r)).isEqualTo(RejectReason.NOT_AUTHORIZED));
  }

  @Test
  void audit_everyDecisionIsRecorded_withoutPasswordOrHash() throws Exception {
    AuditEvent[] throwingSinkProbe = new AuditEvent[1];
    Authenticator a = authenticator();
    var unused1 = run(a, req("alice-1", "alice", "alice-pw", "plain"));
    var unused2 = run(a, req("alice-1", "alice", "wrong-pw", "plain"));
    assertThat(events).hasSize(2);
    assertThat(events.get(0).outcome()).isEqualTo("allow");
    assertThat(events.get(0).decidedBy()).startsWith("user:alice");
    assertThat(events.get(1).outcome()).isEqualTo("deny");
    assertThat(events.get(1).reasonCode()).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
    for (AuditEvent e : events) {
      assertThat(e.toString()).doesNotContain("alice-pw", "wrong-pw", ALICE_HASH.substring(30));
    }
    Authenticator throwingAudit =
        Authenticator.create(
            config(USERS, GUARD),
            executor,
            e -> {
              throwingSinkProbe[0] = e;
              throw new IllegalStateException("sink down");
            },
            clock,
            RANDOM);
    assertThat(run(throwingAudit, req("alice-1", "alice", "alice-pw", "plain")).accepted())
        .isTrue();
    assertThat(throwingSinkProbe[0]).isNotNull();
  }

  @Test
  void connectRequest_toString_neverShowsThePassword() {
    assertThat(req("c", "u", "sekrit", "plain").toString())
        .doesNotContain("sekrit")
        .contains("password=present");
  }

  @Test
  void recheck_againstAGivenConfiguration_usesIt_notTheAuthenticatorsNewerOne() throws Exception {
    Authenticator a = authenticator();
    AuthResult.Accepted free =
        (AuthResult.Accepted) run(a, req("free-1", "free", "dev-pw", "plain"));
    AuthConfig freeDisabled =
        config(
            USERS.replace("\"free\": {\"password\"", "\"free\": {\"disabled\": true, \"password\""),
            GUARD);
    AuthConfig original = a.config();

    assertThat(((AuthResult.Rejected) a.recheck(free, null, freeDisabled)).auditDetail())
        .as("checked against the snapshot the session is bound to")
        .contains("disabled");
    a.update(freeDisabled);
    assertThat(a.recheck(free, null, original))
        .as("a concurrent reload's newer configuration does not decide for an older snapshot")
        .isSameAs(free);
    assertThat(a.recheck(free, null).accepted()).isFalse();
  }

  @Test
  void recheck_afterReload_rejectsDisabledRemovedOrDowngradedUsers_keepsOthers() throws Exception {
    Authenticator a = authenticator();
    AuthResult.Accepted alice =
        (AuthResult.Accepted) run(a, req("alice-1", "alice", "alice-pw", "plain"));
    AuthResult.Accepted free =
        (AuthResult.Accepted) run(a, req("free-1", "free", "dev-pw", "plain"));
    AuthResult.Accepted dev =
        (AuthResult.Accepted) run(a, req("dev-7", "dev-7", "dev-pw", "plain"));
    assertThat(a.recheck(alice, null)).isSameAs(alice);
    String changed =
        USERS
            .replace("\"roles\": [\"operator\"]", "\"roles\": [\"sensor\"]")
            .replace("\"free\": {\"password\"", "\"free\": {\"disabled\": true, \"password\"")
            .replace("\"${user.name}\"", "\"other\"");
    a.update(config(changed, GUARD));
    assertThat(((AuthResult.Rejected) a.recheck(alice, null)).auditDetail())
        .contains("roles withdrawn: [operator]");
    assertThat(((AuthResult.Rejected) a.recheck(free, null)).auditDetail()).contains("disabled");
    assertThat(((AuthResult.Rejected) a.recheck(dev, null)).auditDetail())
        .contains("client ID no longer allowed");
    assertThat(events).anySatisfy(e -> assertThat(e.event()).isEqualTo("recheck"));
  }

  @Test
  void update_withNewLockoutSettings_appliesThem() throws Exception {
    Authenticator a = authenticator();
    a.update(
        config(
            USERS,
            GUARD.replace(
                "\"roleListeners\"",
                "\"lockout\": {\"maxFailuresPerUsername\": 1}, \"roleListeners\"")));
    assertThat(reason(run(a, req("free-1", "free", "bad", "plain"))))
        .isEqualTo(RejectReason.BAD_USER_NAME_OR_PASSWORD);
    assertThat(reason(run(a, req("free-1", "free", "dev-pw", "plain"))))
        .isEqualTo(RejectReason.BANNED);
  }
}

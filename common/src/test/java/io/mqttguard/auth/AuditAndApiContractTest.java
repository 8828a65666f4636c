package io.mqttguard.auth;

import static io.mqttguard.auth.AuthenticatorTest.b;
import static io.mqttguard.auth.AuthenticatorTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.audit.AuditEvent;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.testsupport.MutableClock;
import io.mqttguard.testsupport.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit events of CONNECT and recheck decisions, and the small public contracts adapters rely
 * on (reason codes, executors, request values, settings accessors).
 */
class AuditAndApiContractTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final Set<String> ROLES = Set.of("sensor");
  static final String HASH = PasswordHasher.argon2id(64, 1, 1, RANDOM).hash(b("pw"));
  static final String USERS =
      "{\"users\": {\"alice\": {\"password\": \"" + HASH + "\", \"roles\": [\"sensor\"]}}}";
  static final String GUARD =
      "{\"listeners\": {\"plain\": {\"requireTlsForPassword\": false, \"allowAnonymous\": true}}}";

  final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T08:00:00Z"));
  final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  Authenticator authenticator() throws Exception {
    AuthConfig config =
        new AuthConfig(
            UsersConfig.parse("users.json", b(USERS), ROLES),
            AuthSettings.parse("guard.json", b(GUARD), Path.of("."), ROLES, clock));
    return Authenticator.create(config, Runnable::run, events::add, clock, RANDOM);
  }

  @Test
  void audit_acceptedConnect_recordsWhoWhereAndHow_withoutSecrets() throws Exception {
    var r =
        run(
            authenticator(),
            new ConnectRequest("c1", "alice", b("pw"), "plain", "192.0.2.1", null, 4));
    assertThat(r.accepted()).isTrue();
    AuditEvent e = events.get(0);
    assertThat(e.time()).isEqualTo(clock.instant());
    assertThat(e.event()).isEqualTo("connect");
    assertThat(e.outcome()).isEqualTo("allow");
    assertThat(e.clientId()).isEqualTo("c1");
    assertThat(e.username()).isEqualTo("alice");
    assertThat(e.remoteAddress()).isEqualTo("192.0.2.1");
    assertThat(e.listener()).isEqualTo("plain");
    assertThat(e.reasonCode()).isEqualTo("SUCCESS");
    assertThat(e.decidedBy()).isEqualTo("user:alice (hash)");
    assertThat(e.details())
        .isEqualTo(Map.of("mqttVersion", "4", "tls", "none", "passwordPresent", "true"));
  }

  @Test
  void audit_rejectedTlsConnect_recordsProtocolReasonAndDetail() throws Exception {
    var req =
        new ConnectRequest(
            "c2", "alice", b("wrong"), "plain", null, new TlsFacts("TLSv1.3", null, List.of()), 5);
    assertThat(run(authenticator(), req).accepted()).isFalse();
    AuditEvent e = events.get(0);
    assertThat(e.outcome()).isEqualTo("deny");
    assertThat(e.remoteAddress()).isNull();
    assertThat(e.reasonCode()).isEqualTo("BAD_USER_NAME_OR_PASSWORD");
    assertThat(e.decidedBy()).isEqualTo("authentication");
    assertThat(e.details())
        .isEqualTo(
            Map.of(
                "mqttVersion", "5",
                "tls", "TLSv1.3",
                "passwordPresent", "true",
                "detail", "wrong password"));
  }

  @Test
  void audit_anonymousConnect_hasNoUsernameAndNoPassword() throws Exception {
    var r = run(authenticator(), new ConnectRequest("anon-1", null, null, "plain", null, null, 5));
    assertThat(r.accepted()).isTrue();
    AuditEvent e = events.get(0);
    assertThat(e.username()).isNull();
    assertThat(e.decidedBy()).isEqualTo("anonymous");
    assertThat(e.details()).containsEntry("passwordPresent", "false");
  }

  @Test
  void audit_recheck_recordsOutcomeAndDetail() throws Exception {
    Authenticator a = authenticator();
    var ok =
        (AuthResult.Accepted)
            run(a, new ConnectRequest("c1", "alice", b("pw"), "plain", null, null, 5));
    events.clear();
    assertThat(a.recheck(ok, null)).isSameAs(ok);
    AuditEvent allowed = events.get(0);
    assertThat(allowed.event()).isEqualTo("recheck");
    assertThat(allowed.outcome()).isEqualTo("allow");
    assertThat(allowed.reasonCode()).isEqualTo("SUCCESS");
    assertThat(allowed.username()).isEqualTo("alice");
    assertThat(allowed.clientId()).isEqualTo("c1");
    assertThat(allowed.details()).isEmpty();

    a.update(
        new AuthConfig(
            UsersConfig.parse("users.json", b("{\"users\": {}}"), ROLES), a.config().settings()));
    var rejected = a.recheck(ok, null);
    assertThat(rejected.accepted()).isFalse();
    AuditEvent denied = events.get(1);
    assertThat(denied.outcome()).isEqualTo("deny");
    assertThat(denied.reasonCode()).isEqualTo("NOT_AUTHORIZED");
    assertThat(denied.details()).isEqualTo(Map.of("detail", "user alice was removed"));
  }

  @Test
  void audit_recheckOfAnonymous_hasNoUsername() throws Exception {
    Authenticator a = authenticator();
    var anon =
        (AuthResult.Accepted) run(a, new ConnectRequest("a1", null, null, "plain", null, null, 5));
    events.clear();
    assertThat(a.recheck(anon, null)).isSameAs(anon);
    assertThat(events.get(0).username()).isNull();
  }

  @Test
  void rejectReasons_mapToMqtt5AndMqtt311Codes() {
    assertThat(RejectReason.BAD_USER_NAME_OR_PASSWORD.mqtt5ReasonCode()).isEqualTo(0x86);
    assertThat(RejectReason.NOT_AUTHORIZED.mqtt5ReasonCode()).isEqualTo(0x87);
    assertThat(RejectReason.CLIENT_IDENTIFIER_NOT_VALID.mqtt5ReasonCode()).isEqualTo(0x85);
    assertThat(RejectReason.BANNED.mqtt5ReasonCode()).isEqualTo(0x8A);
    assertThat(RejectReason.SERVER_BUSY.mqtt5ReasonCode()).isEqualTo(0x89);
    assertThat(RejectReason.BAD_USER_NAME_OR_PASSWORD.mqtt311ReturnCode()).isEqualTo(4);
    assertThat(RejectReason.NOT_AUTHORIZED.mqtt311ReturnCode()).isEqualTo(5);
    assertThat(RejectReason.CLIENT_IDENTIFIER_NOT_VALID.mqtt311ReturnCode()).isEqualTo(2);
    assertThat(RejectReason.BANNED.mqtt311ReturnCode()).isEqualTo(5);
    assertThat(RejectReason.SERVER_BUSY.mqtt311ReturnCode()).isEqualTo(3);
  }

  @Test
  void hashingExecutor_usesNamedDaemonThreads() throws Exception {
    ExecutorService ex = Authenticator.newHashingExecutor(1, 4);
    try {
      // Submit from a non-daemon thread: new threads inherit the daemon flag of their creator.
      java.util.concurrent.atomic.AtomicReference<Thread> worker =
          new java.util.concurrent.atomic.AtomicReference<>();
      Thread submitter =
          new Thread(
              () -> worker.set(CompletableFuture.supplyAsync(Thread::currentThread, ex).join()));
      submitter.setDaemon(false);
      submitter.start();
      submitter.join(10_000);
      Thread t = java.util.Objects.requireNonNull(worker.get());
      assertThat(t.isDaemon()).isTrue();
      assertThat(t.getName()).isEqualTo("mqttguard-auth-1");
    } finally {
      ex.shutdownNow();
    }
  }

  @Test
  void connectRequest_equalityIsByValue_includingThePassword() {
    var tls = new TlsFacts("TLSv1.3", null, List.of());
    var a = new ConnectRequest("c", "u", b("pw"), "l", "addr", tls, 5);
    assertThat(a).isEqualTo(new ConnectRequest("c", "u", b("pw"), "l", "addr", tls, 5));
    assertThat(a.hashCode())
        .isEqualTo(new ConnectRequest("c", "u", b("pw"), "l", "addr", tls, 5).hashCode());
    assertThat(a)
        .isNotEqualTo(new ConnectRequest("x", "u", b("pw"), "l", "addr", tls, 5))
        .isNotEqualTo(new ConnectRequest("c", "x", b("pw"), "l", "addr", tls, 5))
        .isNotEqualTo(new ConnectRequest("c", "u", b("pW"), "l", "addr", tls, 5))
        .isNotEqualTo(new ConnectRequest("c", "u", null, "l", "addr", tls, 5))
        .isNotEqualTo(new ConnectRequest("c", "u", b("pw"), "x", "addr", tls, 5))
        .isNotEqualTo(new ConnectRequest("c", "u", b("pw"), "l", "x", tls, 5))
        .isNotEqualTo(new ConnectRequest("c", "u", b("pw"), "l", "addr", null, 5))
        .isNotEqualTo(new ConnectRequest("c", "u", b("pw"), "l", "addr", tls, 4))
        .isNotEqualTo("c");
    assertThat(a.hashCode()).isNotZero();
  }

  @Test
  void connectRequest_passwordIsCopiedInAndOut() {
    byte[] pw = b("pw");
    var r = new ConnectRequest("c", "u", pw, "l", null, null, 5);
    pw[0] = 'X';
    byte[] out = java.util.Objects.requireNonNull(r.password());
    assertThat(out).isEqualTo(b("pw"));
    out[0] = 'Y';
    assertThat(r.password()).isEqualTo(b("pw"));
    assertThat(new ConnectRequest("c", "u", null, "l", null, null, 5).password()).isNull();
  }

  @Test
  void tlsFacts_leafIsTheFirstCertificate_orNull() throws Exception {
    assertThat(new TlsFacts("TLSv1.3", null, List.of()).leaf()).isNull();
    TestCertificates pki = new TestCertificates("CN=Leaf Test CA", clock.instant());
    var leaf = pki.leaf("CN=leaf");
    assertThat(new TlsFacts("TLSv1.3", null, pki.chain(leaf)).leaf()).isSameAs(leaf);
  }

  @Test
  void authMode_jsonNamesRoundTrip() {
    for (AuthMode m : AuthMode.values()) {
      assertThat(AuthMode.fromJson(m.jsonName())).isEqualTo(m);
    }
    assertThat(AuthMode.CERTIFICATE_OR_PASSWORD.jsonName()).isEqualTo("certificate-or-password");
  }

  @Test
  void anonymousRejection_namesTheListenerMode() throws Exception {
    AuthConfig config =
        new AuthConfig(
            UsersConfig.parse("users.json", b(USERS), ROLES),
            AuthSettings.parse(
                "guard.json",
                b("{\"defaultListener\": {\"authentication\": \"certificate\"}}"),
                Path.of("."),
                ROLES,
                clock));
    Authenticator a = Authenticator.create(config, Runnable::run, events::add, clock, RANDOM);
    var r = (AuthResult.Rejected) run(a, new ConnectRequest("c", null, null, "any", null, null, 5));
    assertThat(r.reason()).isEqualTo(RejectReason.NOT_AUTHORIZED);
    assertThat(r.auditDetail()).isEqualTo("no credentials for mode certificate");
  }

  @Test
  void settings_defaults_areTheDocumentedSafeDefaults() {
    AuthSettings d = AuthSettings.defaults();
    assertThat(d.policyFor("anything")).isEqualTo(ListenerPolicy.DEFAULT);
    assertThat(d.lockout()).isEqualTo(LockoutSettings.DEFAULT);
    assertThat(d.cache()).isEqualTo(CacheSettings.DEFAULT);
    assertThat(d.crlCount()).isZero();
    assertThat(d.crlFiles()).isEmpty();
    assertThat(d.warnings()).isEmpty();
    assertThat(d.roleListeners()).isEmpty();
  }

  @Test
  void filesLoadedFromDisk_resolveCrlsNextToGuardJson_andNameTheFile(@TempDir Path dir)
      throws Exception {
    TestCertificates pki = new TestCertificates("CN=Disk CA", clock.instant());
    Files.writeString(dir.resolve("ca.crl"), TestCertificates.pem(pki.crl(List.of())));
    Path guard = dir.resolve("guard.json");
    Files.writeString(guard, "{\"revocation\": {\"crlFiles\": [\"ca.crl\"]}}");
    AuthSettings s = AuthSettings.load(guard, ROLES, clock);
    assertThat(s.crlCount()).isEqualTo(1);
    assertThat(s.crlFiles()).containsExactly(dir.resolve("ca.crl").toAbsolutePath());
    assertThat(s.warnings()).isEmpty();

    Path users = dir.resolve("users.json");
    Files.writeString(users, USERS);
    UsersConfig u = UsersConfig.load(users, ROLES);
    assertThat(u.usernames()).containsExactly("alice");
    assertThat(u.toString()).isEqualTo("UsersConfig[1 users, 0 rules]");
    assertThat(UsersConfig.fileName(users)).isEqualTo("users.json");
    assertThat(UsersConfig.fileName(Path.of("/"))).isEqualTo("/");
  }

  @Test
  void crlPastItsNextUpdate_isAWarning_andStillApplies(@TempDir Path dir) throws Exception {
    TestCertificates pki = new TestCertificates("CN=Stale CA", clock.instant());
    var revoked = pki.leaf("CN=revoked");
    Files.writeString(dir.resolve("ca.crl"), TestCertificates.pem(pki.crl(List.of(revoked))));
    clock.advance(java.time.Duration.ofDays(8)); // next update is now + 7 days
    AuthSettings s =
        AuthSettings.parse(
            "guard.json", b("{\"revocation\": {\"crlFiles\": [\"ca.crl\"]}}"), dir, ROLES, clock);
    assertThat(s.warnings()).hasSize(1);
    assertThat(s.warnings().get(0).pointer()).isEqualTo("/revocation/crlFiles/0");
    assertThat(s.warnings().get(0).message()).contains("past its next update");
    assertThat(s.revocation().isRevoked(revoked)).isTrue();
  }

  @Test
  void userEntry_toString_showsHashParametersOnly() throws Exception {
    UserEntry u =
        java.util.Objects.requireNonNull(
            UsersConfig.parse("users.json", b(USERS), ROLES).user("alice"));
    assertThat(u.toString())
        .startsWith("UserEntry[name=alice, hash=Argon2idHash[v=19,m=64,t=1,p=1]")
        .doesNotContain(HASH.substring(HASH.lastIndexOf('$')));
  }

  @Test
  void identity_ofAcceptedUser_isNotAnonymous() throws Exception {
    ClientIdentity id =
        ((AuthResult.Accepted)
                run(
                    authenticator(),
                    new ConnectRequest("c", "alice", b("pw"), "plain", null, null, 5)))
            .identity();
    assertThat(id.anonymous()).isFalse();
    assertThat(id.roles()).containsExactly("sensor");
  }
}

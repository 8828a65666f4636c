package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.testsupport.MutableClock;
import io.mqttguard.testsupport.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Semantic load errors of users.json and guard.json that the schema cannot catch. */
class ConfigProblemEdgeTest {
  static final Set<String> ROLES = Set.of("sensor", "operator");
  final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));

  static List<ConfigProblem> usersProblems(String json) {
    try {
      var unused = UsersConfig.parse("users.json", json.getBytes(UTF_8), ROLES);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ConfigException");
  }

  List<ConfigProblem> guardProblems(String json, Path dir) {
    try {
      var unused = AuthSettings.parse("guard.json", json.getBytes(UTF_8), dir, ROLES, clock);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ConfigException");
  }

  @Test
  void lockout_maxBlockBelowInitialBlock_isAnErrorAtLockout(@TempDir Path dir) {
    List<ConfigProblem> p =
        guardProblems("{\"lockout\": {\"initialBlockSeconds\": 60, \"maxBlockSeconds\": 30}}", dir);
    assertThat(p).hasSize(1);
    assertThat(p.get(0).pointer()).isEqualTo("/lockout");
    assertThat(p.get(0).message())
        .isEqualTo("lockout durations must be positive and maxBlock >= initialBlock");
  }

  @Test
  void crlFile_withoutAnyCrl_isAnError(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("empty.crl"), new byte[0]);
    List<ConfigProblem> p = guardProblems("{\"revocation\": {\"crlFiles\": [\"empty.crl\"]}}", dir);
    assertThat(p).hasSize(1);
    assertThat(p.get(0).pointer()).isEqualTo("/revocation/crlFiles/0");
    assertThat(p.get(0).severity()).isEqualTo(ConfigProblem.Severity.ERROR);
  }

  @Test
  void unknownSubjectAttribute_isAnErrorAtItsKey() {
    List<ConfigProblem> p =
        usersProblems(
            "{\"certificates\": [{\"match\": {\"subjectFields\": {\"XYZ\": \"a\"}},"
                + " \"username\": \"fixed\"}]}");
    assertThat(p)
        .extracting(ConfigProblem::pointer)
        .containsExactly("/certificates/0/match/subjectFields/XYZ");
    assertThat(p.get(0).message()).startsWith("unknown subject attribute 'XYZ'");
  }

  @Test
  void fixedUsernameThatCouldNeverLogIn_isAnError() {
    List<ConfigProblem> p =
        usersProblems(
            "{\"certificates\": [{\"match\": {\"subjectFields\": {\"OU\": \"a\"}},"
                + " \"username\": \"fleet/a\"}]}");
    assertThat(p).extracting(ConfigProblem::pointer).containsExactly("/certificates/0/username");
    assertThat(p.get(0).message()).isEqualTo("fixed username contains the topic character '/'");
  }

  @Test
  void unknownRole_messageListsTheKnownRolesSorted() {
    List<ConfigProblem> p = usersProblems("{\"users\": {\"bob\": {\"roles\": [\"admin\"]}}}");
    assertThat(p.get(0).message())
        .isEqualTo("unknown role 'admin'; roles are defined in acl.json: [operator, sensor]");
  }

  @Test
  void subjectFieldByDottedOid_matchesLikeItsName() throws Exception {
    Instant now = clock.instant();
    TestCertificates pki = new TestCertificates("CN=Oid CA", now);
    var device = pki.leaf("CN=dev-9,OU=sensors,O=Acme");
    UsersConfig users =
        UsersConfig.parse(
            "users.json",
            ("{\"certificates\": [{\"match\": {\"subjectFields\": {\"2.5.4.11\": \"sensors\","
                    + " \"E\": \"*\"}}, \"username\": \"${cert.cn}\"}, {\"match\":"
                    + " {\"subjectFields\": {\"2.5.4.11\": \"sensors\"}}, \"username\":"
                    + " \"${cert.cn}\", \"roles\": [\"sensor\"]}]}")
                .getBytes(UTF_8),
            ROLES);
    AuthConfig certMode =
        new AuthConfig(
            users,
            AuthSettings.parse(
                "guard.json",
                "{\"defaultListener\": {\"authentication\": \"certificate\"}}".getBytes(UTF_8),
                Path.of("."),
                ROLES,
                clock));
    Authenticator a =
        Authenticator.create(certMode, Runnable::run, e -> {}, clock, new SecureRandom());
    // The first rule also needs an e-mail attribute (E), which the certificate lacks.
    var ok =
        a.authenticate(
                new ConnectRequest(
                    "dev-9",
                    null,
                    null,
                    "tls",
                    null,
                    new TlsFacts("TLSv1.3", null, pki.chain(device)),
                    5))
            .join();
    assertThat(ok).isInstanceOf(AuthResult.Accepted.class);
    assertThat(((AuthResult.Accepted) ok).decidedBy()).isEqualTo("certificate:certificates/1");
    assertThat(((AuthResult.Accepted) ok).identity().roles()).containsExactly("sensor");
  }
}

package io.mqttguard.policytest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.auth.PasswordHasher;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.guard.ConfigSnapshot;
import io.mqttguard.guard.Guard;
import io.mqttguard.policytest.PolicyTestReport.CaseResult;
import io.mqttguard.policytest.PolicyTestReport.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy tests against a configuration loaded through the facade: ACL and connect cases. */
class PolicyTestRunnerSnapshotTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Clock CLOCK = Clock.systemUTC();

  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  private ConfigSnapshot snapshot() throws Exception {
    String hash =
        PasswordHasher.argon2id(64, 1, 1, RANDOM).hash("alice-pw".getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        dir.resolve("acl.json"),
        "{\"roles\": {\"sensor\": {\"rules\": [{\"effect\": \"allow\", \"actions\": [\"publish\"],"
            + " \"topics\": [\"sensors/${user.name}/#\"]}]}}}");
    Files.writeString(
        dir.resolve("users.json"),
        "{\"users\": {\"alice\": {\"password\": \"" + hash + "\", \"roles\": [\"sensor\"]}}}");
    Files.writeString(
        dir.resolve("guard.json"), "{\"defaultListener\": {\"requireTlsForPassword\": false}}");
    return Guard.check(dir, CLOCK);
  }

  private static PolicyTestCases cases(String json) throws ConfigException {
    return PolicyTestCases.parse("cases.json", Json.bytes(json));
  }

  @Test
  void connectCases_runThroughTheConfigurationsAuthentication() throws Exception {
    PolicyTestCases cases =
        cases(
            "{'cases':[{'action':'connect','username':'alice','clientId':'a','password':'alice-pw',"
                + "'expect':'allow'},"
                + "{'action':'connect','username':'alice','clientId':'a','password':'wrong-pw',"
                + "'expect':'allow'},"
                + "{'action':'connect','username':'nobody','clientId':'n','password':'x',"
                + "'expect':'deny'}]}");

    PolicyTestReport report = PolicyTestRunner.run(snapshot(), cases, CLOCK, RANDOM);

    assertThat(report.results())
        .extracting(CaseResult::outcome)
        .containsExactly(Outcome.PASSED, Outcome.FAILED, Outcome.PASSED);
    assertThat(report.results().get(1).message())
        .startsWith("expected ALLOW, but DENY: BAD_USER_NAME_OR_PASSWORD")
        .doesNotContain("wrong-pw");
    assertThat(report.successful()).isFalse();
  }

  @Test
  void aclCasesWithoutRoles_takeTheUsersIdentityFromTheSnapshot() throws Exception {
    PolicyTestCases cases =
        cases(
            "{'cases':[{'username':'alice','action':'publish','topic':'sensors/alice/t',"
                + "'expect':'allow'},"
                + "{'username':'alice','action':'publish','topic':'sensors/bob/t','expect':'deny'},"
                + "{'username':'ghost','action':'publish','topic':'sensors/ghost/t',"
                + "'expect':'deny'}]}");

    PolicyTestReport report = PolicyTestRunner.run(snapshot(), cases, CLOCK, RANDOM);

    assertThat(report.results())
        .extracting(CaseResult::outcome)
        .containsExactly(Outcome.PASSED, Outcome.PASSED, Outcome.ERROR);
  }

  @Test
  void unreadableCertificate_isAProblemOfTheCase_beforeAnyCaseRuns() throws Exception {
    ConfigSnapshot snapshot = snapshot();
    Path casesFile = dir.resolve("cases.json");
    Files.write(
        casesFile,
        Json.bytes(
            "{'cases':[{'action':'connect','clientId':'d','certificate':'missing.pem',"
                + "'expect':'allow'}]}"));
    PolicyTestCases cases = PolicyTestCases.load(casesFile);
    assertThat(cases.cases().get(0).certificate()).isEqualTo(dir.resolve("missing.pem"));
    assertThat(cases.cases().get(0).tls()).isTrue();

    assertThatThrownBy(() -> PolicyTestRunner.run(snapshot, cases, CLOCK, RANDOM))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::file, ConfigProblem::pointer)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cases.json", "/cases/0/certificate")));
  }
}

package io.mqttguard.policytest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.acl.AccessRequest;
import io.mqttguard.acl.AclPolicy;
import io.mqttguard.acl.ClientPolicy;
import io.mqttguard.acl.Decision;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.policytest.PolicyTestReport.CaseResult;
import io.mqttguard.policytest.PolicyTestReport.Outcome;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Specification of policy test files and their runner. */
class PolicyTestRunnerTest {
  private static final AclPolicy ACL =
      Json.policy(
          "{'roles':{'sensor':{'rules':["
              + "{'effect':'allow','actions':['publish'],'topics':['sensors/${client.id}/#'],'maxQos':1,'retain':false},"
              + "{'effect':'allow','actions':['subscribe'],'topics':['commands/${client.id}']}]},"
              + "'operator':{'rules':[{'effect':'allow','actions':['subscribe'],'topics':['sensors/#']},"
              + "{'effect':'deny','actions':['receive'],'topics':['sensors/+/secrets/#']}]}},"
              + "'anonymous':{'roles':[]}}");

  private static PolicyTestCases cases(String json) throws ConfigException {
    return PolicyTestCases.parse("acl.tests.json", Json.bytes(json));
  }

  @Test
  void issueExample_passes() throws Exception {
    PolicyTestCases cases =
        cases(
            "{'cases':[{'name':'sensor can publish its own telemetry','username':'dev-7','clientId':'dev-7',"
                + "'roles':['sensor'],'action':'publish','topic':'sensors/dev-7/temp','qos':1,'expect':'allow'},"
                + "{'action':'subscribe','topic':'sensors/#','roles':['sensor'],'clientId':'dev-7','expect':'deny'},"
                + "{'action':'receive','topic':'sensors/a/secrets/k','roles':['operator'],'expect':'deny',"
                + "'expectRule':'operator[1]'}]}");
    PolicyTestReport report = PolicyTestRunner.run(ACL, cases, IdentityResolver.none());
    assertThat(report.results()).extracting(CaseResult::outcome).containsOnly(Outcome.PASSED);
    assertThat(report.successful()).isTrue();
    assertThat(report.results().get(1).testCase().name()).isEqualTo("case 2");
  }

  @Test
  void failingCase_carriesItsExplanation() throws Exception {
    PolicyTestReport report =
        PolicyTestRunner.run(
            ACL,
            cases(
                "{'cases':[{'name':'wrong','roles':['sensor'],'clientId':'dev-7','action':'publish',"
                    + "'topic':'sensors/dev-7/t','qos':2,'expect':'allow'}]}"),
            IdentityResolver.none());
    CaseResult r = report.results().get(0);
    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(report.successful()).isFalse();
    assertThat(r.message()).contains("expected ALLOW", "maxQos 1");
    assertThat(r.explanation()).isNotNull();
    assertThat(java.util.Objects.requireNonNull(r.explanation()).render()).contains("sensor[0]");
  }

  @Test
  void explanation_matchesTheDocumentedTrace() {
    ClientPolicy operator = ACL.compile(ClientIdentity.user("op", "op", Set.of("operator")));
    assertThat(operator.explain(new AccessRequest.Receive("sensors/a/secrets/k")).render())
        .isEqualTo(
            "DENY (DENY_RULE): denied by rule operator[1] (deny receive sensors/+/secrets/#)\n"
                + "  operator[0]: allow 'sensors/#': matches\n"
                + "  operator[1]: deny 'sensors/+/secrets/#': matches\n"
                + "  operator[1]: decision: denied by rule operator[1] (deny receive"
                + " sensors/+/secrets/#)");
  }

  @Test
  void wrongExpectedRule_fails() throws Exception {
    PolicyTestReport report =
        PolicyTestRunner.run(
            ACL,
            cases(
                "{'cases':[{'roles':['operator'],'action':'subscribe','topic':'sensors/x','expect':'allow',"
                    + "'expectRule':'sensor[1]'}]}"),
            IdentityResolver.none());
    assertThat(report.results().get(0).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(report.results().get(0).message()).contains("by rule sensor[1]");
  }

  @Test
  void casesWithoutRoles_useTheResolver_orReportAnError() throws Exception {
    PolicyTestCases cases =
        cases(
            "{'cases':[{'username':'op','action':'subscribe','topic':'sensors/#','expect':'allow'}]}");
    assertThat(PolicyTestRunner.run(ACL, cases, IdentityResolver.none()).results().get(0).outcome())
        .isEqualTo(Outcome.ERROR);
    IdentityResolver users =
        c -> Optional.of(ClientIdentity.user(c.clientId(), "op", Set.of("operator")));
    assertThat(PolicyTestRunner.run(ACL, cases, users).results().get(0).outcome())
        .isEqualTo(Outcome.PASSED);
  }

  @Test
  void anonymousCase_getsAnonymousRoles() throws Exception {
    PolicyTestReport report =
        PolicyTestRunner.run(
            ACL,
            cases(
                "{'cases':[{'anonymous':true,'action':'subscribe','topic':'sensors/#','expect':'deny'}]}"),
            IdentityResolver.none());
    assertThat(report.results().get(0).outcome()).isEqualTo(Outcome.PASSED);
    assertThat(java.util.Objects.requireNonNull(report.results().get(0).decision()).basis())
        .isEqualTo(Decision.Basis.NO_MATCHING_RULE);
  }

  @Test
  void connectCase_isRepresentableAndNotApplicableHere() throws Exception {
    PolicyTestCases cases =
        cases(
            "{'cases':[{'action':'connect','username':'dev-7','password':'s3cret','clientId':'dev-7',"
                + "'listener':'tls','expect':'allow'}]}");
    assertThat(cases.cases().get(0).password()).isEqualTo("s3cret");
    assertThat(cases.cases().get(0).toString()).doesNotContain("s3cret");
    PolicyTestReport report = PolicyTestRunner.run(ACL, cases, IdentityResolver.none());
    assertThat(report.results().get(0).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    assertThat(report.successful()).isTrue();
  }

  @Test
  void certAndAttributes_areUsedForSubstitutions() throws Exception {
    AclPolicy acl =
        Json.role("{'effect':'allow','actions':['publish'],'topics':['${attr.site}/${cert.cn}']}");
    PolicyTestReport report =
        PolicyTestRunner.run(
            acl,
            cases(
                "{'cases':[{'roles':['r'],'certCommonName':'gw1','attributes':{'site':'ber'},"
                    + "'action':'publish','topic':'ber/gw1','expect':'allow'}]}"),
            IdentityResolver.none());
    assertThat(report.successful()).isTrue();
  }

  @Test
  void invalidFiles_areRejectedWithPointers() {
    assertThatThrownBy(() -> cases("{'cases':[{'action':'publish','expect':'allow'}]}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/cases/0");
    assertThatThrownBy(() -> cases("{'cases':[{'action':'connect','topic':'a','expect':'allow'}]}"))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(
            () ->
                cases(
                    "{'cases':[{'action':'publish','topic':'a','expect':'allow','expectRule':'x'}]}"))
        .isInstanceOf(ConfigException.class);
    try {
      var unused =
          cases(
              "{'cases':[{'anonymous':true,'roles':['a'],'action':'receive','topic':'a','expect':'deny'},"
                  + "{'action':'receive','topic':'a','expect':'maybe'}]}");
    } catch (ConfigException e) {
      assertThat(e.problems()).extracting(ConfigProblem::pointer).contains("/cases/1/expect");
      return;
    }
    throw new AssertionError("expected a ConfigException");
  }

  @Test
  void semanticProblems_areCollected() {
    assertThatThrownBy(
            () ->
                cases(
                    "{'cases':[{'anonymous':true,'roles':['a'],'action':'receive','topic':'a','expect':'deny'},"
                        + "{'anonymous':true,'username':'u','action':'receive','topic':'a','expect':'deny'}]}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/cases/0")
        .hasMessageContaining("/cases/1");
  }
}

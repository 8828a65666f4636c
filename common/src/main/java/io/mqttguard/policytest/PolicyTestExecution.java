package io.mqttguard.acl;

import io.mqttguard.acl.PolicyTestReport.CaseResult;
import io.mqttguard.acl.PolicyTestReport.Outcome;
import io.mqttguard.identity.CertificateFields;
import io.mqttguard.identity.ClientIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The implementation of {@link PolicyTestRunner}. Stateless. */
final class PolicyTestExecution {
  private PolicyTestExecution() {}

  static PolicyTestReport run(
      AclPolicy policy, PolicyTestCases cases, IdentityResolver identities) {
    List<CaseResult> results = new ArrayList<>();
    for (PolicyTestCase c : cases.cases()) {
      results.add(runOne(policy, c, identities));
    }
    return new PolicyTestReport(results);
  }

  private static CaseResult runOne(
      AclPolicy policy, PolicyTestCase c, IdentityResolver identities) {
    Optional<AccessRequest> request = c.request();
    if (request.isEmpty()) {
      return new CaseResult(
          c, Outcome.NOT_APPLICABLE, null, null, "connect cases are run through authentication");
    }
    Optional<ClientIdentity> identity;
    try {
      identity = c.selfContainedIdentity() ? Optional.of(identityOf(c)) : identities.resolve(c);
    } catch (RuntimeException e) {
      identity = Optional.empty();
    }
    if (identity.isEmpty()) {
      return new CaseResult(
          c,
          Outcome.ERROR,
          null,
          null,
          "no identity for this case: give 'roles' or a username known to the users file");
    }
    ClientPolicy client = policy.compile(identity.get());
    Decision decision = client.decide(request.get());
    boolean effectOk = decision.effect() == c.expect();
    RuleRef expectedRule = c.expectRule();
    boolean ruleOk = expectedRule == null || expectedRule.equals(decision.rule());
    if (effectOk && ruleOk) {
      return new CaseResult(c, Outcome.PASSED, decision, null, "passed: " + decision.reason());
    }
    String expected =
        "expected " + c.expect() + (expectedRule == null ? "" : " by rule " + expectedRule);
    return new CaseResult(
        c,
        Outcome.FAILED,
        decision,
        client.explain(request.get()),
        expected + ", but " + decision.effect() + ": " + decision.reason());
  }

  /** The identity a self-contained case describes. */
  static ClientIdentity identityOf(PolicyTestCase c) {
    String cn = c.certCommonName();
    CertificateFields cert =
        cn == null
            ? null
            : new CertificateFields(
                "CN=" + cn,
                "CN=policy-test-ca",
                cn,
                "",
                List.of(),
                List.of(),
                List.of(),
                List.of());
    Set<String> roles = c.roles() == null ? Set.of() : c.roles();
    return new ClientIdentity(
        c.clientId(), c.username(), roles, c.attributes(), cert, c.anonymous());
  }
}

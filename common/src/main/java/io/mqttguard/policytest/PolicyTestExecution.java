package io.mqttguard.policytest;

import io.mqttguard.acl.AccessRequest;
import io.mqttguard.acl.AclPolicy;
import io.mqttguard.acl.ClientPolicy;
import io.mqttguard.acl.Decision;
import io.mqttguard.acl.RuleRef;
import io.mqttguard.identity.CertificateFields;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.policytest.PolicyTestReport.CaseResult;
import io.mqttguard.policytest.PolicyTestReport.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The implementation of {@link PolicyTestRunner}. Stateless. */
final class PolicyTestExecution {
  private PolicyTestExecution() {}

  /** Runs ACL cases only: {@code connect} cases are reported not applicable. */
  static PolicyTestReport run(
      AclPolicy policy, PolicyTestCases cases, IdentityResolver identities) {
    return run(
        policy,
        cases,
        identities,
        c ->
            new CaseResult(
                c,
                Outcome.NOT_APPLICABLE,
                null,
                null,
                "connect cases are run through authentication"));
  }

  /** Runs ACL cases against {@code policy} and the CONNECT cases with {@code connects}. */
  static PolicyTestReport run(
      AclPolicy policy,
      PolicyTestCases cases,
      IdentityResolver identities,
      Function<PolicyTestCase, CaseResult> connects) {
    List<CaseResult> results = new ArrayList<>();
    for (PolicyTestCase c : cases.cases()) {
      Optional<AccessRequest> request = c.request();
      results.add(
          request.isEmpty() ? connects.apply(c) : runOne(policy, c, request.get(), identities));
    }
    return new PolicyTestReport(results);
  }

  private static CaseResult runOne(
      AclPolicy policy, PolicyTestCase c, AccessRequest request, IdentityResolver identities) {
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
    Decision decision = client.decide(request);
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
        client.explain(request),
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

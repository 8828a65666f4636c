package io.mqttguard.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.policytest.IdentityResolver;
import io.mqttguard.policytest.PolicyTestCases;
import io.mqttguard.policytest.PolicyTestReport;
import io.mqttguard.policytest.PolicyTestReport.Outcome;
import io.mqttguard.policytest.PolicyTestRunner;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The documented semantics as a corpus in the operators' own format: {@code examples/acl.json} and
 * {@code examples/acl.tests.json} (policy-tests-1.json) must load, and every ACL case must pass.
 */
class ExampleCorpusTest {

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ExampleCorpusTest.class.getResourceAsStream("examples/" + name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    }
  }

  @Test
  void everyExampleCase_passes() throws Exception {
    AclPolicy acl = AclPolicy.parse("acl.json", resource("acl.json"));
    PolicyTestCases cases = PolicyTestCases.parse("acl.tests.json", resource("acl.tests.json"));
    PolicyTestReport report = PolicyTestRunner.run(acl, cases, IdentityResolver.none());
    String failures =
        report.withOutcome(Outcome.FAILED).stream()
            .map(r -> r.testCase().name() + ": " + r.message() + "\n" + r.explanation())
            .collect(Collectors.joining("\n"));
    assertThat(report.withOutcome(Outcome.FAILED)).as(failures).isEmpty();
    assertThat(report.withOutcome(Outcome.ERROR)).isEmpty();
    assertThat(report.withOutcome(Outcome.PASSED)).hasSize(cases.cases().size() - 1);
    assertThat(report.withOutcome(Outcome.NOT_APPLICABLE)).hasSize(1);
  }
}

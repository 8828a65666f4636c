package io.mqttguard.policytest;

import static java.util.Objects.requireNonNull;

import io.mqttguard.acl.AclPolicy;
import io.mqttguard.acl.Decision;
import io.mqttguard.acl.Explanation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of running a policy test file.
 *
 * @param results one result per case, in file order
 */
public record PolicyTestReport(List<CaseResult> results) {

  /** How one case ended. */
  public enum Outcome {
    /** The decision had the expected effect (and rule, if required). */
    PASSED,
    /** The decision differed; the result carries the explanation. */
    FAILED,
    /**
     * A {@code connect} case given to the ACL-only runner ({@link PolicyTestRunner#run(AclPolicy,
     * PolicyTestCases, IdentityResolver)}), which has no authentication to run it through.
     */
    NOT_APPLICABLE,
    /** The case could not run (e.g. no identity could be resolved). */
    ERROR
  }

  /**
   * The result of one case.
   *
   * @param testCase the case
   * @param outcome how it ended
   * @param decision the decision, if the case ran
   * @param explanation the full trace for a failed case ({@code null} otherwise)
   * @param message a one-line summary for reports
   */
  public record CaseResult(
      PolicyTestCase testCase,
      Outcome outcome,
      @Nullable Decision decision,
      @Nullable Explanation explanation,
      String message) {
    public CaseResult {
      requireNonNull(testCase, "testCase");
      requireNonNull(outcome, "outcome");
      requireNonNull(message, "message");
    }
  }

  public PolicyTestReport {
    results = List.copyOf(results);
  }

  /** Results with the given outcome. */
  public List<CaseResult> withOutcome(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).toList();
  }

  /** Whether no case failed or errored (not-applicable cases do not count). */
  public boolean successful() {
    return results.stream()
        .noneMatch(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERROR);
  }
}

package io.mqttguard.acl;

/**
 * Runs policy test cases against an {@link AclPolicy}. Cases with {@code roles} (or {@code
 * anonymous}) build their identity directly; others ask the {@link IdentityResolver}. {@code
 * connect} cases are reported {@link PolicyTestReport.Outcome#NOT_APPLICABLE}: the caller runs them
 * through authentication. Every failing case carries its {@link Explanation}. Stateless and
 * thread-safe.
 */
public interface PolicyTestRunner {

  /** Runs every case of {@code cases}; never throws for a failing case. */
  static PolicyTestReport run(
      AclPolicy policy, PolicyTestCases cases, IdentityResolver identities) {
    return PolicyTestExecution.run(policy, cases, identities);
  }
}

package io.mqttguard.policytest;

import io.mqttguard.identity.ClientIdentity;
import java.util.Optional;

/**
 * Supplies the identity of a policy test case that does not carry its own roles, e.g. from {@code
 * users.json} (the CLI plugs in the authentication configuration). Implementations must be
 * side-effect free.
 */
@FunctionalInterface
public interface IdentityResolver {

  /**
   * The identity for {@code testCase}, or empty if it cannot be resolved (reported as an error).
   */
  Optional<ClientIdentity> resolve(PolicyTestCase testCase);

  /** A resolver that resolves nothing: only self-contained cases can run. */
  static IdentityResolver none() {
    return testCase -> Optional.empty();
  }
}

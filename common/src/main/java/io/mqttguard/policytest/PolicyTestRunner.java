package io.mqttguard.policytest;

import io.mqttguard.acl.AclPolicy;
import io.mqttguard.acl.Explanation;
import io.mqttguard.auth.UsersConfig;
import io.mqttguard.config.ConfigException;
import io.mqttguard.guard.ConfigSnapshot;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * Runs policy test cases. Cases with {@code roles} (or {@code anonymous}) build their identity
 * directly; others ask an {@link IdentityResolver}. Every failing ACL case carries its {@link
 * Explanation}. Stateless and thread-safe.
 */
public interface PolicyTestRunner {

  /**
   * Runs the ACL cases of {@code cases} against {@code policy}; {@code connect} cases are reported
   * {@link PolicyTestReport.Outcome#NOT_APPLICABLE}. Never throws for a failing case.
   */
  static PolicyTestReport run(
      AclPolicy policy, PolicyTestCases cases, IdentityResolver identities) {
    return PolicyTestExecution.run(policy, cases, identities);
  }

  /**
   * Runs every case against a configuration loaded the way a broker loads it ({@link
   * io.mqttguard.guard.Guard#check}): ACL cases against its {@code acl.json}, with the identities
   * {@code users.json} gives the cases' usernames; {@code connect} cases through its authentication
   * ({@code users.json}, {@code guard.json}), each with a fresh authenticator (no lockout or
   * session history), hashing on the caller's thread. Never throws for a failing case.
   *
   * @throws ConfigException if the certificate file of a {@code connect} case cannot be read or
   *     holds no certificate (nothing has run then)
   */
  static PolicyTestReport run(
      ConfigSnapshot snapshot, PolicyTestCases cases, Clock clock, SecureRandom random)
      throws ConfigException {
    ConnectCaseRunner connects = ConnectCaseRunner.prepare(snapshot.auth(), cases, clock, random);
    UsersConfig users = snapshot.auth().users();
    IdentityResolver identities =
        c -> {
          String username = c.username();
          return username == null ? Optional.empty() : users.identity(c.clientId(), username);
        };
    return PolicyTestExecution.run(snapshot.acl(), cases, identities, connects::run);
  }
}

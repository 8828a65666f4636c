/**
 * Operators' policy tests ({@code policy-tests-1.json}): a file of cases, each a question (publish,
 * subscribe, receive, or connect) and the expected answer, run against a configuration loaded
 * through the facade ({@link io.mqttguard.guard.ConfigSnapshot}), so a test answers exactly what a
 * broker would decide. ACL cases ask the {@code acl.json} policy and show the full explanation when
 * they fail; connect cases run through the real authentication of {@code users.json} and {@code
 * guard.json}.
 *
 * <p>Entry points: {@link io.mqttguard.policytest.PolicyTestCases#load} and {@link
 * io.mqttguard.policytest.PolicyTestRunner#run(io.mqttguard.guard.ConfigSnapshot,
 * io.mqttguard.policytest.PolicyTestCases, java.time.Clock, java.security.SecureRandom)}. Used by
 * {@code mqtt-guard test}; the file format is specified in {@code docs/cli.md}.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.policytest;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

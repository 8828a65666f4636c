/**
 * Topic authorization: the {@code acl.json} policy and the per-client decisions derived from it.
 *
 * <p>Entry point: {@link io.mqttguard.acl.AclPolicy} (an immutable snapshot of {@code acl.json}),
 * compiled per client at CONNECT into a {@link io.mqttguard.acl.ClientPolicy} whose {@code
 * publish}, {@code subscribe} and {@code receive} methods return {@link io.mqttguard.acl.Decision}
 * records. Semantics (default deny, deny wins, {@code $}-topics, safe substitutions, shared
 * subscriptions, constraints) are specified in {@code docs/acl.md}. Operators' policy test cases
 * ({@code policy-tests-1.json}) live in package {@code io.mqttguard.policytest}, on top of this.
 */
@NullMarked
@CheckReturnValue
package io.mqttguard.acl;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;

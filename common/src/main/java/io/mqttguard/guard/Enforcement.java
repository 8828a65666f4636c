package io.mqttguard.guard;

/**
 * What a broker may enforce natively for one client ({@link ClientSession#plan()}): either an
 * {@link EnforcementPlan} under the snapshot in force, or {@link Revoked}, when the broker must
 * deny everything for the client. A closed set: an adapter handles both cases explicitly, and no
 * absent value ever stands for "denied". Immutable.
 */
public sealed interface Enforcement permits EnforcementPlan, Enforcement.Revoked {

  /** The session was revoked or closed: every decision denies; there is nothing to install. */
  enum Revoked implements Enforcement {
    INSTANCE
  }
}

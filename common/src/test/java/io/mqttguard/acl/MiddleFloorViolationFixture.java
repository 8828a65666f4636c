package io.mqttguard.acl;

import io.mqttguard.auth.RejectReason;

/**
 * A deliberate architecture violation ({@code acl} using {@code auth}), for {@code
 * ArchitectureTest} to prove its rules fail when broken. Test code only: never imported by the
 * checks of the real classes.
 */
final class MiddleFloorViolationFixture {
  private MiddleFloorViolationFixture() {}

  static String usesAuth(RejectReason r) {
    return r.name();
  }
}

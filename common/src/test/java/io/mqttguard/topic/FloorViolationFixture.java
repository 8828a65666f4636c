package io.mqttguard.topic;

import io.mqttguard.acl.Decision;

/**
 * A deliberate architecture violation (the bottom floor using the middle one), for {@code
 * ArchitectureTest} to prove its rules fail when broken. Test code only: never imported by the
 * checks of the real classes.
 */
final class FloorViolationFixture {
  private FloorViolationFixture() {}

  static boolean usesTheMiddleFloor(Decision d) {
    return d.allowed();
  }
}

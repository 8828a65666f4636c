package io.mqttguard.cli;

import java.util.List;

/**
 * The demo credentials of {@code examples/quickstart/users.json}, printed by {@code serve}. Public
 * on purpose: they exist only for the demo broker (a test checks they match the example's hashes).
 */
final class DemoUsers {
  /** A demo password user. */
  record Demo(String username, String password, String role) {}

  static final List<Demo> PASSWORD_USERS =
      List.of(
          new Demo("alice", "alice-demo-pw", "operator"),
          new Demo("sensor-1", "sensor-1-demo-pw", "sensor"));

  private DemoUsers() {}
}

package io.mqttguard.load;

/**
 * The login every load client uses (the baseline brokers ignore it, so all targets send the same
 * CONNECT).
 */
public record Credentials(String username, String password) {
  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=***]";
  }
}

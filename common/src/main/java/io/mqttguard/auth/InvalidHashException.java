package io.mqttguard.auth;

/**
 * A stored password hash string could not be parsed. The message says what was expected; it never
 * contains the hash itself.
 */
public final class InvalidHashException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidHashException(String message) {
    super(message);
  }
}

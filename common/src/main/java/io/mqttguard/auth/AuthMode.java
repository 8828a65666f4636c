package io.mqttguard.auth;

/** How clients on a listener prove who they are. */
public enum AuthMode {
  /** Username and password from the users file. */
  PASSWORD("password"),
  /** A client certificate matched by a mapping rule; passwords are ignored. */
  CERTIFICATE("certificate"),
  /** A mapped certificate if one is presented, otherwise username and password. */
  CERTIFICATE_OR_PASSWORD("certificate-or-password"),
  /** Both: a mapped certificate and the password of the same username (two factors). */
  CERTIFICATE_AND_PASSWORD("certificate-and-password");

  private final String jsonName;

  AuthMode(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name used in {@code guard.json}. */
  public String jsonName() {
    return jsonName;
  }

  static AuthMode fromJson(String name) {
    for (AuthMode m : values()) {
      if (m.jsonName.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown authentication mode: " + name);
  }
}

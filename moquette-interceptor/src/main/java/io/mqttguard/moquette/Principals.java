package io.mqttguard.moquette;

import io.mqttguard.identity.ClientIdentity;

/** The name Moquette sees as "username" for an admitted identity (logs, its own callbacks). */
final class Principals {
  private Principals() {}

  static String of(ClientIdentity identity) {
    if (identity.username() != null) {
      return identity.username();
    }
    return identity.anonymous()
        ? "anonymous:" + identity.clientId()
        : "client:" + identity.clientId();
  }
}

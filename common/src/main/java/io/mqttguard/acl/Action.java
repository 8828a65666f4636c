package io.mqttguard.acl;

/** What a client wants to do with a topic; the {@code actions} of an ACL rule. */
public enum Action {
  /** Send a PUBLISH to a topic name. */
  PUBLISH,
  /** SUBSCRIBE with a topic filter (or a {@code $share/{group}/{filter}} shared subscription). */
  SUBSCRIBE,
  /** Be delivered a message published to a topic name (checked for each delivery). */
  RECEIVE;

  /** The name used in {@code acl.json}, e.g. {@code "publish"}. */
  public String jsonName() {
    return switch (this) {
      case PUBLISH -> "publish";
      case SUBSCRIBE -> "subscribe";
      case RECEIVE -> "receive";
    };
  }
}

package io.mqttguard.acl;

/** The outcome of an authorization decision, and the effect of an ACL rule. */
public enum Effect {
  ALLOW,
  DENY
}

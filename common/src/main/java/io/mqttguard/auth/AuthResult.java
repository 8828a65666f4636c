package io.mqttguard.auth;

import static java.util.Objects.requireNonNull;

import io.mqttguard.identity.ClientIdentity;

/** The outcome of one CONNECT authentication. Immutable; contains no secret. */
public sealed interface AuthResult permits AuthResult.Accepted, AuthResult.Rejected {

  /** Whether the client may connect. */
  boolean accepted();

  /**
   * The client may connect as {@code identity}.
   *
   * @param identity the resolved identity to compile the ACL policy from
   * @param decidedBy what decided, e.g. {@code user:alice} or {@code certificate:2}
   */
  record Accepted(ClientIdentity identity, String decidedBy) implements AuthResult {
    public Accepted {
      requireNonNull(identity, "identity");
      requireNonNull(decidedBy, "decidedBy");
    }

    @Override
    public boolean accepted() {
      return true;
    }
  }

  /**
   * The client must be refused with {@code reason}.
   *
   * @param reason the MQTT reason to send (deliberately coarse)
   * @param auditDetail the precise internal reason, for audit and debug logs only; never sent to
   *     the client and never contains a secret
   */
  record Rejected(RejectReason reason, String auditDetail) implements AuthResult {
    public Rejected {
      requireNonNull(reason, "reason");
      requireNonNull(auditDetail, "auditDetail");
    }

    @Override
    public boolean accepted() {
      return false;
    }
  }
}

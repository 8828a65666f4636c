package io.mqttguard.auth;

import static java.util.Objects.requireNonNull;

import io.mqttguard.identity.ClientIdentity;

/** The outcome of one CONNECT authentication. Immutable; contains no secret. */
public sealed interface AuthResult permits AuthResult.Accepted, AuthResult.Rejected {

  /** Whether the client may connect. */
  boolean accepted();

  /** Which credentials authenticated an accepted client. */
  enum Factors {
    /** None: an anonymous client on a listener that admits them. */
    NONE(false, false),
    /** A username and password of the users file. */
    PASSWORD(true, false),
    /** A client certificate mapped by a certificate rule. */
    CERTIFICATE(false, true),
    /** A mapped client certificate and the password of the user it maps to. */
    CERTIFICATE_AND_PASSWORD(true, true);

    private final boolean password;
    private final boolean certificate;

    Factors(boolean password, boolean certificate) {
      this.password = password;
      this.certificate = certificate;
    }

    /** Whether a password of the users file was verified (the user must stay valid). */
    public boolean password() {
      return password;
    }

    /** Whether a client certificate was mapped (its chain must stay valid). */
    public boolean certificate() {
      return certificate;
    }
  }

  /** How the password of an accepted client was verified. */
  enum PasswordCheck {
    /** No password was verified ({@link Factors#password()} is false). */
    NONE,
    /** The stored hash was computed. */
    HASH,
    /** A recent successful verification of the same credentials was reused. */
    CACHE
  }

  /**
   * The client may connect as {@code identity}.
   *
   * @param identity the resolved identity to compile the ACL policy from
   * @param factors which credentials authenticated the client
   * @param passwordCheck how the password was verified; {@link PasswordCheck#NONE} exactly when
   *     {@code factors} has no password
   * @param decidedBy what decided, as text for audit events only (e.g. {@code user:alice (hash)} or
   *     {@code certificate:2}); never parsed: decisions use {@code factors} and {@code
   *     passwordCheck}
   */
  record Accepted(
      ClientIdentity identity, Factors factors, PasswordCheck passwordCheck, String decidedBy)
      implements AuthResult {
    public Accepted {
      requireNonNull(identity, "identity");
      requireNonNull(factors, "factors");
      requireNonNull(passwordCheck, "passwordCheck");
      requireNonNull(decidedBy, "decidedBy");
      if (factors.password() != (passwordCheck != PasswordCheck.NONE)) {
        throw new IllegalArgumentException(
            "passwordCheck " + passwordCheck + " does not fit factors " + factors);
      }
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

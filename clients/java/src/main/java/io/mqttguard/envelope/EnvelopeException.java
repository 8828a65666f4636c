package io.mqttguard.envelope;

import java.security.GeneralSecurityException;

/**
 * Sealing, opening or verifying failed. The message is always {@value #MESSAGE}, whatever the cause
 * (so that it reveals nothing to whoever sees it); {@link #reason()} gives the cause for
 * diagnostics. Carries no key material, no payload bytes and no stack trace (it is thrown on the
 * broker's refusal path).
 */
public final class EnvelopeException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** The uniform message. */
  public static final String MESSAGE = "payload protection failed";

  private final FailureReason reason;

  public EnvelopeException(FailureReason reason) {
    super(MESSAGE);
    this.reason = reason;
  }

  /** Why it failed. */
  public FailureReason reason() {
    return reason;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}

package io.mqttguard.payload;

import java.security.GeneralSecurityException;

/**
 * A client-side {@link PayloadSealer#open} or sealing operation failed. The message is uniform
 * ({@value #MESSAGE}); {@link #reason()} gives the cause for diagnostics. Never carries key
 * material or payload bytes.
 */
public final class PayloadSecurityException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** The uniform message. */
  public static final String MESSAGE = "payload protection failed";

  private final RefusalReason reason;

  public PayloadSecurityException(RefusalReason reason) {
    super(MESSAGE);
    this.reason = reason;
  }

  /** Why the operation failed. */
  public RefusalReason reason() {
    return reason;
  }
}

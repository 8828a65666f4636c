package io.mqttguard.guard;

import static java.util.Objects.requireNonNull;

import io.mqttguard.auth.RejectReason;

/** The result of {@link Guard#connect}: a session for an accepted client, or a rejection. */
public sealed interface ConnectOutcome permits ConnectOutcome.Accepted, ConnectOutcome.Rejected {

  /**
   * The client may connect. The adapter keeps {@code session} for the connection's lifetime, calls
   * {@link ClientSession#connected()} once the broker connected the client and {@link
   * ClientSession#close} when the connection ends (also if the broker refused it after all).
   */
  record Accepted(ClientSession session) implements ConnectOutcome {
    public Accepted {
      requireNonNull(session, "session");
    }
  }

  /**
   * The client must be refused.
   *
   * @param reason the CONNACK reason to send ({@link RejectReason#mqtt5ReasonCode()}, {@link
   *     RejectReason#mqtt311ReturnCode()})
   * @param auditDetail the internal reason for logs; never sent to the client
   */
  record Rejected(RejectReason reason, String auditDetail) implements ConnectOutcome {
    public Rejected {
      requireNonNull(reason, "reason");
      requireNonNull(auditDetail, "auditDetail");
    }
  }
}

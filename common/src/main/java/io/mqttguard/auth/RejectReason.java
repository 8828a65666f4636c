package io.mqttguard.auth;

/**
 * Why a CONNECT was rejected, as an MQTT reason. Outside the process, failures look alike: the
 * detail stays in the audit log.
 */
public enum RejectReason {
  /** Unknown user, wrong password, missing credentials, malformed username. */
  BAD_USER_NAME_OR_PASSWORD(0x86, 4),
  /** Valid credentials that are not allowed here (listener, transport, certificate, disabled). */
  NOT_AUTHORIZED(0x87, 5),
  /** Client ID outside the user's binding, malformed, or held by another identity. */
  CLIENT_IDENTIFIER_NOT_VALID(0x85, 2),
  /** Temporarily blocked by the lockout after repeated failures. */
  BANNED(0x8A, 5),
  /** The verification executor refused the work (overload). */
  SERVER_BUSY(0x89, 3);

  private final int mqtt5ReasonCode;
  private final int mqtt311ReturnCode;

  RejectReason(int mqtt5ReasonCode, int mqtt311ReturnCode) {
    this.mqtt5ReasonCode = mqtt5ReasonCode;
    this.mqtt311ReturnCode = mqtt311ReturnCode;
  }

  /** The MQTT 5 CONNACK reason code; the enum constant name equals the MQTT 5 name. */
  public int mqtt5ReasonCode() {
    return mqtt5ReasonCode;
  }

  /** The MQTT 3.1.1 CONNACK return code (2 identifier rejected, 3 unavailable, 4, 5). */
  public int mqtt311ReturnCode() {
    return mqtt311ReturnCode;
  }
}

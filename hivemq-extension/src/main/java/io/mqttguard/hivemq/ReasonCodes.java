package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.mqttguard.auth.RejectReason;
import java.util.Locale;

/**
 * Maps core reasons to HiveMQ reason codes. HiveMQ itself maps MQTT 5 CONNACK codes to 3.1.1 return
 * codes (BAD_USER_NAME_OR_PASSWORD → 4, NOT_AUTHORIZED and BANNED → 5, CLIENT_IDENTIFIER_NOT_VALID
 * → 2, SERVER_BUSY → 3). Stateless.
 */
final class ReasonCodes {
  private ReasonCodes() {}

  /** The CONNACK code for a rejection. */
  static ConnackReasonCode connack(RejectReason reason) {
    switch (reason) {
      case BAD_USER_NAME_OR_PASSWORD:
        return ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD;
      case CLIENT_IDENTIFIER_NOT_VALID:
        return ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID;
      case BANNED:
        return ConnackReasonCode.BANNED;
      case SERVER_BUSY:
        return ConnackReasonCode.SERVER_BUSY;
      case NOT_AUTHORIZED:
        return ConnackReasonCode.NOT_AUTHORIZED;
    }
    return ConnackReasonCode.NOT_AUTHORIZED;
  }

  /**
   * The PUBACK/PUBREC code for a refused payload, from the core's MQTT 5 reason name (e.g. {@code
   * PAYLOAD_FORMAT_INVALID}); anything HiveMQ cannot send becomes NOT_AUTHORIZED.
   */
  static AckReasonCode ack(String mqtt5ReasonName) {
    try {
      AckReasonCode code = AckReasonCode.valueOf(mqtt5ReasonName.toUpperCase(Locale.ROOT));
      return code == AckReasonCode.SUCCESS || code == AckReasonCode.NO_MATCHING_SUBSCRIBERS
          ? AckReasonCode.NOT_AUTHORIZED
          : code;
    } catch (IllegalArgumentException e) {
      return AckReasonCode.NOT_AUTHORIZED;
    }
  }
}

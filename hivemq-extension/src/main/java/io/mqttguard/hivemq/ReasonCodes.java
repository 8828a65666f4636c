package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.mqttguard.auth.RejectReason;
import io.mqttguard.payload.PublishAckCode;

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

  /** The PUBACK/PUBREC code for a refused payload: the core's typed code, one to one. */
  static AckReasonCode ack(PublishAckCode code) {
    return switch (code) {
      case NOT_AUTHORIZED -> AckReasonCode.NOT_AUTHORIZED;
      case TOPIC_NAME_INVALID -> AckReasonCode.TOPIC_NAME_INVALID;
      case QUOTA_EXCEEDED -> AckReasonCode.QUOTA_EXCEEDED;
      case PAYLOAD_FORMAT_INVALID -> AckReasonCode.PAYLOAD_FORMAT_INVALID;
    };
  }
}

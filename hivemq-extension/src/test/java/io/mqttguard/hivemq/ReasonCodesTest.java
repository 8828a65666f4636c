package io.mqttguard.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.mqttguard.auth.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReasonCodesTest {
  @ParameterizedTest
  @EnumSource(RejectReason.class)
  void connack_hasTheSameNameAndMqtt5Code(RejectReason reason) {
    ConnackReasonCode code = ReasonCodes.connack(reason);
    assertThat(code.name()).isEqualTo(reason.name());
  }

  @Test
  void ack_knownPayloadCodes_areKept() {
    assertThat(ReasonCodes.ack("PAYLOAD_FORMAT_INVALID"))
        .isEqualTo(AckReasonCode.PAYLOAD_FORMAT_INVALID);
    assertThat(ReasonCodes.ack("NOT_AUTHORIZED")).isEqualTo(AckReasonCode.NOT_AUTHORIZED);
    assertThat(ReasonCodes.ack("QUOTA_EXCEEDED")).isEqualTo(AckReasonCode.QUOTA_EXCEEDED);
    assertThat(ReasonCodes.ack("TOPIC_NAME_INVALID")).isEqualTo(AckReasonCode.TOPIC_NAME_INVALID);
  }

  @Test
  void ack_unsendableOrSuccessCodes_becomeNotAuthorized_neverSuccess() {
    assertThat(ReasonCodes.ack("PACKET_TOO_LARGE")).isEqualTo(AckReasonCode.NOT_AUTHORIZED);
    assertThat(ReasonCodes.ack("SUCCESS")).isEqualTo(AckReasonCode.NOT_AUTHORIZED);
    assertThat(ReasonCodes.ack("NO_MATCHING_SUBSCRIBERS")).isEqualTo(AckReasonCode.NOT_AUTHORIZED);
    assertThat(ReasonCodes.ack("")).isEqualTo(AckReasonCode.NOT_AUTHORIZED);
  }
}

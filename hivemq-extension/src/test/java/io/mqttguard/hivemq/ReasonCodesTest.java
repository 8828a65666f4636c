package io.mqttguard.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.mqttguard.auth.RejectReason;
import io.mqttguard.payload.RefusalReason;
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

  @ParameterizedTest
  @EnumSource(RefusalReason.class)
  void ack_everyRefusal_getsHiveMqsCodeWithTheSameNameAndValue(RefusalReason reason) {
    AckReasonCode code = ReasonCodes.ack(reason.ackCode());
    assertThat(code.name()).isEqualTo(reason.ackCode().name());
    assertThat(code).isNotIn(AckReasonCode.SUCCESS, AckReasonCode.NO_MATCHING_SUBSCRIBERS);
  }

  @Test
  void ack_oversize_isQuotaExceeded() {
    assertThat(ReasonCodes.ack(RefusalReason.OVERSIZE.ackCode()))
        .isEqualTo(AckReasonCode.QUOTA_EXCEEDED);
  }
}

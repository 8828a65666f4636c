package io.mqttguard.guard;

import static java.util.Objects.requireNonNull;

import io.mqttguard.acl.Decision;
import io.mqttguard.payload.PayloadVerdict;

/**
 * The verdict on one inbound PUBLISH: the topic ACL first, then (only if the client may publish
 * there) the payload rules. A payload is never decrypted or verified for a client that may not
 * publish on the topic.
 */
public sealed interface InboundPublish
    permits InboundPublish.Denied, InboundPublish.Checked, InboundPublish.Retransmission {

  /** The ACL decision (always present). */
  Decision decision();

  /** Whether the broker may distribute the message (with the replaced payload, if any). */
  boolean delivered();

  /**
   * The client may not publish here; the payload was not looked at. Adapters answer {@code
   * NOT_AUTHORIZED} (MQTT 5 PUBACK/PUBREC reason, or a disconnect in 3.1.1).
   */
  record Denied(Decision decision) implements InboundPublish {
    public Denied {
      requireNonNull(decision, "decision");
    }

    /**
     * The reason string for the client (MQTT 5 PUBACK/PUBREC), naming the topic the client used
     * (sanitized, at most {@link io.mqttguard.audit.AuditText#TEXT_CHARS} characters) and never a
     * rule: {@code Not authorized to publish on topic 'T' with QoS 'Q' and retain 'R'}, the wording
     * HiveMQ uses for the denies it decides itself.
     */
    public static String clientReason(String topic, int qos, boolean retain) {
      return "Not authorized to publish on topic '"
          + io.mqttguard.audit.AuditText.sanitize(topic, io.mqttguard.audit.AuditText.TEXT_CHARS)
          + "' with QoS '"
          + qos
          + "' and retain '"
          + retain
          + "'";
    }

    @Override
    public boolean delivered() {
      return false;
    }
  }

  /**
   * The ACL allowed the publish and the payload rules decided {@code payload}: {@link
   * PayloadVerdict.PassThrough} (deliver unchanged), {@link PayloadVerdict.Replaced} (deliver the
   * replaced bytes) or {@link PayloadVerdict.Refused} (do not deliver; reason code from the refusal
   * reason).
   */
  record Checked(Decision decision, PayloadVerdict payload) implements InboundPublish {
    public Checked {
      requireNonNull(decision, "decision");
      requireNonNull(payload, "payload");
    }

    @Override
    public boolean delivered() {
      return payload.delivered();
    }
  }

  /**
   * The ACL allowed the publish, and it is a retransmission (DUP=1, same client session and packet
   * ID, same topic, QoS, retain flag and payload bytes) of a protected message the guard already
   * accepted: adapters acknowledge it as a success (PUBACK, or PUBREC for QoS 2) and do not deliver
   * it again. The payload was not checked a second time (it would be a replay).
   */
  record Retransmission(Decision decision) implements InboundPublish {
    public Retransmission {
      requireNonNull(decision, "decision");
    }

    @Override
    public boolean delivered() {
      return false;
    }
  }
}

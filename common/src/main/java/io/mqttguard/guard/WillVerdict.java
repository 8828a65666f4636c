package io.mqttguard.guard;

import static java.util.Objects.requireNonNull;

import io.mqttguard.acl.Decision;
import io.mqttguard.payload.RefusalReason;

/**
 * The core's verdict on a will ({@link ClientSession#will} at CONNECT, {@link
 * ClientSession#recheckWill} when the connection is lost or after a reload). Adapters translate it
 * with one broker call: store or publish {@link Allowed#will()}, or refuse the CONNECT (drop the
 * will, disconnect the client after a reload) for every other verdict.
 */
public sealed interface WillVerdict
    permits WillVerdict.Allowed,
        WillVerdict.Denied,
        WillVerdict.Refused,
        WillVerdict.Unreplaceable {

  /** Whether the will may be stored (at CONNECT) or published (at connection loss). */
  boolean allowed();

  /** What the audit log says about a verdict that is not {@link Allowed}; never the payload. */
  String auditDetail();

  /** The will may be stored or published as {@code will}. */
  record Allowed(AcceptedWill will) implements WillVerdict {
    public Allowed {
      requireNonNull(will, "will");
    }

    @Override
    public boolean allowed() {
      return true;
    }

    @Override
    public String auditDetail() {
      return "will allowed";
    }
  }

  /** The client may not publish the will (topic ACL or topic limits); the payload was not read. */
  record Denied(String topic, Decision decision) implements WillVerdict {
    public Denied {
      requireNonNull(topic, "topic");
      requireNonNull(decision, "decision");
    }

    @Override
    public boolean allowed() {
      return false;
    }

    @Override
    public String auditDetail() {
      return "will topic not allowed: " + topic + " (" + decision.reason() + ")";
    }
  }

  /** The payload rules refuse the will payload ({@code reason} is for the audit log). */
  record Refused(RefusalReason reason) implements WillVerdict {
    public Refused {
      requireNonNull(reason, "reason");
    }

    @Override
    public boolean allowed() {
      return false;
    }

    @Override
    public String auditDetail() {
      return "will payload refused: " + reason.name();
    }
  }

  /**
   * The payload rules apply to the will topic (they would replace the payload) and the broker can
   * only publish a will as the client sent it ({@link WillPayloads#PASS_THROUGH_ONLY}).
   */
  record Unreplaceable(String topic) implements WillVerdict {
    public Unreplaceable {
      requireNonNull(topic, "topic");
    }

    @Override
    public boolean allowed() {
      return false;
    }

    @Override
    public String auditDetail() {
      return "will payload refused: payload rules apply to "
          + topic
          + " and this broker cannot replace a will payload";
    }
  }
}

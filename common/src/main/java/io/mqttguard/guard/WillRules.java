package io.mqttguard.guard;

import io.mqttguard.payload.PayloadVerdict;

/**
 * The will rules of {@link ClientSession#will} and {@link ClientSession#recheckWill}, in one place
 * for every broker.
 *
 * <ul>
 *   <li>At CONNECT a will is checked like a PUBLISH of the client ({@link ClientSession#inbound}:
 *       topic limits and ACL, then the payload rules). A replaced payload (decrypted, trailer
 *       stripped) is accepted only if the broker can publish the replaced bytes ({@link
 *       WillPayloads#REPLACEABLE}); otherwise the will is {@link WillVerdict.Unreplaceable}.
 *   <li>On a re-check (connection lost, reload) the ACL and topic limits are decided again under
 *       the snapshot in force. The payload rules are asked again only for a will whose payload they
 *       passed unchanged at CONNECT: the received bytes must still pass unchanged (a rule that now
 *       refuses or would replace them refuses the will). A protected will (replaced at CONNECT, or
 *       a stamp verified and kept as sent) is not verified again: it was already accepted once and
 *       would now be a replay.
 * </ul>
 *
 * <p>Stateless.
 */
final class WillRules {
  private WillRules() {}

  /** The verdict at CONNECT, from the inbound check of the will as a PUBLISH. */
  static WillVerdict atConnect(
      String topic,
      int qos,
      boolean retain,
      byte[] payload,
      WillPayloads capability,
      InboundPublish verdict) {
    if (!(verdict instanceof InboundPublish.Checked checked)) {
      return new WillVerdict.Denied(topic, verdict.decision()); // Retransmission cannot happen
    }
    PayloadVerdict outcome = checked.payload();
    if (outcome instanceof PayloadVerdict.Refused refused) {
      return new WillVerdict.Refused(refused.reason());
    }
    if (outcome instanceof PayloadVerdict.Replaced replaced) {
      return capability == WillPayloads.REPLACEABLE
          ? new WillVerdict.Allowed(
              new AcceptedWill(
                  topic, qos, retain, replaced.payload(), payload.length, true, capability))
          : new WillVerdict.Unreplaceable(topic);
    }
    return new WillVerdict.Allowed( // verified: a stamp kept as sent ("keepStamp")
        new AcceptedWill(
            topic, qos, retain, payload, payload.length, outcome.verified(), capability));
  }

  /**
   * The payload part of a re-check, after the ACL allowed the will again: {@code now} is the
   * inbound check of the received bytes under the rules in force (only asked for a will that was
   * not protected, see the class comment).
   */
  static WillVerdict recheckedPayload(AcceptedWill will, InboundPublish now) {
    if (!(now instanceof InboundPublish.Checked checked)) {
      return new WillVerdict.Denied(will.topic(), now.decision());
    }
    PayloadVerdict outcome = checked.payload();
    if (outcome instanceof PayloadVerdict.Refused refused) {
      return new WillVerdict.Refused(refused.reason());
    }
    return outcome instanceof PayloadVerdict.Replaced
        ? new WillVerdict.Unreplaceable(will.topic())
        : new WillVerdict.Allowed(will);
  }
}

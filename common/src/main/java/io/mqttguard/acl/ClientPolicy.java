package io.mqttguard.acl;

import java.util.Optional;

/**
 * The ACL of one connected client, compiled at CONNECT by {@link AclPolicy#compile}: roles
 * resolved, substitutions applied, rules indexed in topic tries. Per-message cost depends on the
 * topic's depth and on the rules that match it, not on the number of rules in the policy.
 *
 * <p>Immutable and thread-safe. No method throws on any input: an invalid topic, filter, QoS or
 * size yields a deny with basis {@link Decision.Basis#INVALID_REQUEST}.
 */
public interface ClientPolicy {

  /**
   * May the client PUBLISH to {@code topic}?
   *
   * @param topic the topic name as received (validated here)
   * @param qos 0, 1 or 2
   * @param retain the RETAIN flag
   * @param payloadBytes the payload size in bytes (non-negative)
   */
  Decision publish(String topic, int qos, boolean retain, int payloadBytes);

  /**
   * May the client SUBSCRIBE with {@code topicFilterOrShared} (a topic filter or {@code
   * $share/{group}/{filter}}) at {@code qos}? Allowed iff the (inner) filter is contained in an
   * allowed subscribe filter and intersects no denied one.
   */
  Decision subscribe(String topicFilterOrShared, int qos);

  /** May a message published to {@code topic} be delivered to the client? */
  Decision receive(String topic);

  /**
   * The publish rules as a first-match list ({@link PublishGrants}): every deny, then every allow.
   * For every valid topic name, QoS and RETAIN flag the list decides exactly as {@link #publish}
   * with a payload size within limits. Empty when an allow rule limits the payload size, which a
   * list cannot express (or a resolved filter exceeds MQTT's length limit): the broker must then
   * call {@link #publish} per message.
   */
  Optional<PublishGrants> publishGrants();

  /**
   * Whether {@link #receive} can deny a message on a topic matched by a subscription that {@link
   * #subscribe} allowed, i.e. whether the policy has {@code deny receive} rules. When false,
   * checking each SUBSCRIBE is enough; when true every delivery must be checked.
   */
  boolean receiveDeniesWithinSubscriptions();

  /** The same decision as the fast path, with the full rule-by-rule trace. */
  Explanation explain(AccessRequest request);

  /** Dispatches {@code request} to {@link #publish}, {@link #subscribe} or {@link #receive}. */
  default Decision decide(AccessRequest request) {
    if (request instanceof AccessRequest.Publish p) {
      return publish(p.topic(), p.qos(), p.retain(), p.payloadBytes());
    }
    if (request instanceof AccessRequest.Subscribe s) {
      return subscribe(s.topic(), s.qos());
    }
    return receive(request.topic());
  }
}

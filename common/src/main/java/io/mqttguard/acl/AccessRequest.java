package io.mqttguard.acl;

import static java.util.Objects.requireNonNull;

/**
 * One authorization question, for {@link ClientPolicy#explain(AccessRequest)} and for policy test
 * cases. Values are untrusted and unvalidated: an invalid topic or QoS yields a deny, not an
 * exception.
 */
public sealed interface AccessRequest {

  /** The action asked about. */
  Action action();

  /** The topic name (publish, receive) or topic filter / shared subscription (subscribe). */
  String topic();

  /** A PUBLISH of {@code payloadBytes} bytes at {@code qos} with the given retain flag. */
  record Publish(String topic, int qos, boolean retain, int payloadBytes) implements AccessRequest {
    public Publish {
      requireNonNull(topic, "topic");
    }

    @Override
    public Action action() {
      return Action.PUBLISH;
    }
  }

  /** A SUBSCRIBE to a topic filter or {@code $share/{group}/{filter}} at {@code qos}. */
  record Subscribe(String topic, int qos) implements AccessRequest {
    public Subscribe {
      requireNonNull(topic, "topic");
    }

    @Override
    public Action action() {
      return Action.SUBSCRIBE;
    }
  }

  /** The delivery of a message published to {@code topic}. */
  record Receive(String topic) implements AccessRequest {
    public Receive {
      requireNonNull(topic, "topic");
    }

    @Override
    public Action action() {
      return Action.RECEIVE;
    }
  }
}

package io.mqttguard.acl;

import io.mqttguard.topic.TopicFilter;
import io.mqttguard.topic.TopicName;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a client's publish rules exported as a <em>first-match list</em> ({@link
 * PublishGrants}, see {@link ClientPolicy#publishGrants()}), for brokers that can enforce such a
 * list natively on their message path (HiveMQ's default permissions).
 *
 * <p>An entry {@link #appliesTo applies} to a PUBLISH when {@link #filter} matches the topic name
 * (MQTT matching, {@link TopicFilter#matches}: a wildcard at the first level never matches a topic
 * starting with {@code $}), the QoS is at most {@link #maxQos} and, if {@link #retain} is set, the
 * RETAIN flag equals it. Immutable and thread-safe.
 *
 * @param effect allow or deny
 * @param filter the resolved topic filter (substitutions applied)
 * @param maxQos highest QoS the entry applies to (2 for every QoS)
 * @param retain the RETAIN flag the entry applies to, or {@code null} for both
 */
public record PublishGrant(
    Effect effect, TopicFilter filter, int maxQos, @Nullable Boolean retain) {
  /** Validates the components. */
  public PublishGrant {
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(filter, "filter");
    if (maxQos < 0 || maxQos > 2) {
      throw new IllegalArgumentException("maxQos must be 0, 1 or 2");
    }
  }

  /**
   * An entry for the filter text {@code filter}.
   *
   * @throws io.mqttguard.topic.InvalidTopicException if {@code filter} is not a valid topic filter
   */
  public PublishGrant(Effect effect, String filter, int maxQos, @Nullable Boolean retain) {
    this(effect, TopicFilter.of(filter), maxQos, retain);
  }

  /**
   * Whether this entry applies to a PUBLISH of {@code topic} with {@code qos} and {@code retain}.
   */
  public boolean appliesTo(TopicName topic, int qos, boolean retain) {
    Boolean wanted = this.retain;
    return qos <= maxQos && (wanted == null || wanted == retain) && filter.matches(topic);
  }
}

package io.mqttguard.acl;

import io.mqttguard.topic.TopicName;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A client's publish rules as an ordered <em>first-match list</em> (see {@link
 * ClientPolicy#publishGrants()}): the first {@link PublishGrant entry} that {@link
 * PublishGrant#appliesTo applies} to a PUBLISH decides with its effect; when none applies the
 * PUBLISH is denied. This is the contract a broker's native enforcement (HiveMQ's default
 * permissions) must meet. Immutable and thread-safe.
 *
 * @param entries the entries in evaluation order
 */
public record PublishGrants(List<PublishGrant> entries) {
  /** Copies the entries. */
  public PublishGrants {
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
  }

  /** The list of {@code entries}, in order. */
  public static PublishGrants of(PublishGrant... entries) {
    return new PublishGrants(List.of(entries));
  }

  /** The first entry that applies to the PUBLISH, or {@code null} if none does. */
  public @Nullable PublishGrant firstMatch(TopicName topic, int qos, boolean retain) {
    for (PublishGrant g : entries) {
      if (g.appliesTo(topic, qos, retain)) {
        return g;
      }
    }
    return null;
  }

  /** Whether the list allows the PUBLISH: its first applying entry allows (none: denied). */
  public boolean allows(TopicName topic, int qos, boolean retain) {
    PublishGrant first = firstMatch(topic, qos, retain);
    return first != null && first.effect() == Effect.ALLOW;
  }
}

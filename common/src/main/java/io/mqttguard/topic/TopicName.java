package io.mqttguard.topic;

import io.mqttguard.topic.InvalidTopicException.Reason;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A valid MQTT topic name (the topic of a PUBLISH): non-empty, at most 65535 UTF-8 bytes,
 * well-formed, no U+0000, no wildcards. Levels are separated by {@code '/'}; empty levels are real
 * levels. Immutable and thread-safe; equality is by the exact (case-sensitive) string.
 */
public final class TopicName {
  private final String value;
  private final String[] levels;

  private TopicName(String value) {
    this.value = value;
    this.levels = TopicSyntax.levels(value);
  }

  /**
   * @throws InvalidTopicException if {@code value} is not a valid topic name
   */
  public static TopicName of(String value) {
    Reason problem = TopicSyntax.topicNameProblem(value);
    if (problem != null) {
      throw new InvalidTopicException(problem, "topic name", value);
    }
    return new TopicName(value);
  }

  /** The rule {@code value} breaks as a topic name, or {@code null} if it is valid. */
  public static @Nullable Reason problem(String value) {
    return TopicSyntax.topicNameProblem(value);
  }

  /** Whether the topic starts with {@code '$'} (e.g. {@code $SYS/...}), see MQTT §4.7.2. */
  public boolean isDollarTopic() {
    return value.charAt(0) == '$';
  }

  /** The levels in order; an empty string stands for an empty level. */
  public List<String> levels() {
    return List.of(levels);
  }

  int levelCount() {
    return levels.length;
  }

  String level(int i) {
    return levels[i];
  }

  public String value() {
    return value;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TopicName other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}

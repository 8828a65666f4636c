package io.mqttguard.topic;

import io.mqttguard.topic.InvalidTopicException.Reason;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A valid MQTT topic filter (MQTT 3.1.1 / 5.0 §4.7): {@code '+'} stands for exactly one level
 * (which may be empty), {@code '#'} for the parent level and any number of child levels and only as
 * the whole last level. A filter whose first level is a wildcard never matches a topic starting
 * with {@code '$'}. Matching is case-sensitive. Immutable and thread-safe.
 *
 * <p>Besides {@link #matches(TopicName)}, filters support set reasoning: {@link
 * #contains(TopicFilter)} (every topic the other filter matches, this one matches too) and {@link
 * #intersects(TopicFilter)} (some topic is matched by both). Both are exact, not approximations,
 * with one conservative exception: {@code intersects} counts the empty string (one empty level) as
 * a common topic although it is no topic name (so {@code "/#"} and {@code "+"} intersect).
 */
public final class TopicFilter {
  static final String SINGLE = "+";
  static final String MULTI = "#";

  private final String value;
  private final String[] levels;

  private TopicFilter(String value) {
    this.value = value;
    this.levels = TopicSyntax.levels(value);
  }

  /**
   * @throws InvalidTopicException if {@code value} is not a valid topic filter
   */
  public static TopicFilter of(String value) {
    Reason problem = TopicSyntax.topicFilterProblem(value);
    if (problem != null) {
      throw new InvalidTopicException(problem, "topic filter", value);
    }
    return new TopicFilter(value);
  }

  /** The rule {@code value} breaks as a topic filter, or {@code null} if it is valid. */
  public static @Nullable Reason problem(String value) {
    return TopicSyntax.topicFilterProblem(value);
  }

  /** Whether the filter contains {@code '+'} or {@code '#'}. */
  public boolean hasWildcard() {
    for (String level : levels) {
      if (isWildcard(level)) {
        return true;
      }
    }
    return false;
  }

  /** Whether this filter matches {@code topic} per MQTT §4.7. */
  public boolean matches(TopicName topic) {
    if (isWildcard(levels[0]) && topic.isDollarTopic()) {
      return false;
    }
    int n = topic.levelCount();
    for (int i = 0; i < levels.length; i++) {
      String f = levels[i];
      if (f.equals(MULTI)) {
        return true;
      }
      if (i >= n || (!f.equals(SINGLE) && !f.equals(topic.level(i)))) {
        return false;
      }
    }
    return levels.length == n;
  }

  /** Whether every topic matched by {@code other} is also matched by this filter. */
  public boolean contains(TopicFilter other) {
    String[] a = levels;
    String[] s = other.levels;
    if (isWildcard(a[0]) && isDollarLiteral(s[0])) {
      return false;
    }
    for (int i = 0; ; i++) {
      if (i == a.length) {
        return i == s.length;
      }
      if (a[i].equals(MULTI)) {
        return true;
      }
      if (i == s.length) {
        return false;
      }
      if (s[i].equals(MULTI)) {
        // other matches every suffix from here; only "+/#" at the root (== "#") or "#" covers that.
        return i == 0 && a.length == 2 && a[0].equals(SINGLE) && a[1].equals(MULTI);
      }
      if (!a[i].equals(SINGLE) && (s[i].equals(SINGLE) || !a[i].equals(s[i]))) {
        return false;
      }
    }
  }

  /** Whether some topic name is matched by both this filter and {@code other}. */
  public boolean intersects(TopicFilter other) {
    String[] a = levels;
    String[] b = other.levels;
    if ((isWildcard(a[0]) && isDollarLiteral(b[0]))
        || (isWildcard(b[0]) && isDollarLiteral(a[0]))) {
      return false;
    }
    for (int i = 0; ; i++) {
      if (i == a.length) {
        return i == b.length || b[i].equals(MULTI);
      }
      if (i == b.length) {
        return a[i].equals(MULTI);
      }
      if (a[i].equals(MULTI) || b[i].equals(MULTI)) {
        return true;
      }
      if (!a[i].equals(SINGLE) && !b[i].equals(SINGLE) && !a[i].equals(b[i])) {
        return false;
      }
    }
  }

  /** The levels in order; {@code "+"} and {@code "#"} stand for the wildcards. */
  public List<String> levels() {
    return List.of(levels);
  }

  public String value() {
    return value;
  }

  private static boolean isWildcard(String level) {
    return level.equals(SINGLE) || level.equals(MULTI);
  }

  private static boolean isDollarLiteral(String level) {
    return !level.isEmpty() && level.charAt(0) == '$';
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TopicFilter other && other.value.equals(value);
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

package io.mqttguard.topic;

import static java.util.Objects.requireNonNull;

import io.mqttguard.topic.InvalidTopicException.Reason;

/**
 * A shared subscription {@code $share/{group}/{filter}} (MQTT 5.0 §4.8.2), split into its share
 * group and the inner filter that authorization applies to.
 *
 * @param group the share group name: non-empty, no {@code '/'}, {@code '+'} or {@code '#'}
 * @param filter the inner topic filter
 */
public record SharedSubscription(String group, TopicFilter filter) {
  /** The prefix that marks a shared subscription. */
  public static final String PREFIX = "$share/";

  public SharedSubscription {
    requireNonNull(filter, "filter");
    if (group.isEmpty()
        || group.indexOf('/') >= 0
        || group.indexOf('+') >= 0
        || group.indexOf('#') >= 0
        || group.indexOf('\u0000') >= 0) {
      throw new InvalidTopicException(Reason.INVALID_SHARE_GROUP, "share group", group);
    }
  }

  /** Whether {@code subscription} uses the {@code $share/} prefix. */
  public static boolean isShared(String subscription) {
    return subscription.startsWith(PREFIX);
  }

  /**
   * Parses {@code $share/{group}/{filter}}.
   *
   * @throws InvalidTopicException if the string is not a valid shared subscription
   */
  public static SharedSubscription parse(String subscription) {
    Reason utf8 = TopicSyntax.utf8Problem(subscription);
    if (utf8 != null) {
      throw new InvalidTopicException(utf8, "shared subscription", subscription);
    }
    if (!isShared(subscription)) {
      throw new InvalidTopicException(
          Reason.MISSING_SHARED_FILTER, "shared subscription", subscription);
    }
    int slash = subscription.indexOf('/', PREFIX.length());
    if (slash < 0 || slash == subscription.length() - 1) {
      throw new InvalidTopicException(
          Reason.MISSING_SHARED_FILTER, "shared subscription", subscription);
    }
    String group = subscription.substring(PREFIX.length(), slash);
    return new SharedSubscription(group, TopicFilter.of(subscription.substring(slash + 1)));
  }

  /** The wire form {@code $share/{group}/{filter}}. */
  @Override
  public String toString() {
    return PREFIX + group + "/" + filter;
  }
}

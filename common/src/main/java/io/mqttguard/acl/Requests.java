package io.mqttguard.acl;

import io.mqttguard.topic.InvalidTopicException.Reason;
import io.mqttguard.topic.SharedSubscription;
import io.mqttguard.topic.TopicFilter;
import io.mqttguard.topic.TopicName;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Validation and splitting of request topics without exceptions, and the pre-built decisions for
 * invalid requests. Stateless.
 */
final class Requests {
  static final Decision NO_MATCH =
      new Decision(
          Effect.DENY, Decision.Basis.NO_MATCHING_RULE, null, "no rule allows this (default deny)");
  static final Decision BAD_QOS = invalid("QoS must be 0, 1 or 2");
  static final Decision BAD_SIZE = invalid("payload size must not be negative");
  static final Decision BAD_SHARE =
      invalid("shared subscription must be '$share/{group}/{filter}' with a group without '/+#'");

  private static final Map<Reason, Decision> BAD_NAME = byReason("topic name");
  private static final Map<Reason, Decision> BAD_FILTER = byReason("topic filter");

  private Requests() {}

  /** The decision for an invalid topic name, or {@code null} if {@code topic} is valid. */
  static @Nullable Decision checkName(String topic) {
    Reason r = TopicName.problem(topic);
    return r == null ? null : BAD_NAME.get(r);
  }

  /** The decision for an invalid topic filter, or {@code null} if {@code filter} is valid. */
  static @Nullable Decision checkFilter(String filter) {
    Reason r = TopicFilter.problem(filter);
    return r == null ? null : BAD_FILTER.get(r);
  }

  /**
   * The index where the inner filter of shared subscription {@code s} starts, or -1 if {@code s} is
   * not a well-formed {@code $share/{group}/{filter}} prefix.
   */
  static int sharedFilterStart(String s) {
    int start = SharedSubscription.PREFIX.length();
    int slash = s.indexOf('/', start);
    if (slash <= start || slash == s.length() - 1) {
      return -1;
    }
    for (int i = start; i < slash; i++) {
      char c = s.charAt(i);
      if (c == '+' || c == '#' || c == '\u0000') {
        return -1;
      }
    }
    return slash + 1;
  }

  /** Splits a valid topic on '/', keeping empty levels. */
  static String[] levels(String topic) {
    int count = 1;
    for (int i = 0; i < topic.length(); i++) {
      if (topic.charAt(i) == '/') {
        count++;
      }
    }
    String[] out = new String[count];
    int start = 0;
    int n = 0;
    for (int i = 0; i < topic.length(); i++) {
      if (topic.charAt(i) == '/') {
        out[n++] = topic.substring(start, i);
        start = i + 1;
      }
    }
    out[n] = topic.substring(start);
    return out;
  }

  private static Decision invalid(String reason) {
    return new Decision(Effect.DENY, Decision.Basis.INVALID_REQUEST, null, "invalid: " + reason);
  }

  private static Map<Reason, Decision> byReason(String kind) {
    Map<Reason, Decision> m = new EnumMap<>(Reason.class);
    for (Reason r : Reason.values()) {
      m.put(r, invalid(kind + " " + r.rule()));
    }
    return m;
  }
}

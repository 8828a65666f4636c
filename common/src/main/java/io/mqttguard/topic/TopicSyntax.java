package io.mqttguard.topic;

import io.mqttguard.topic.InvalidTopicException.Reason;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Validation and level splitting shared by topic names and filters. Stateless. */
final class TopicSyntax {
  static final int MAX_UTF8_BYTES = 65_535;

  private TopicSyntax() {}

  /** The rule broken by {@code s} as a UTF-8 string of MQTT, or {@code null} if none. */
  static @Nullable Reason utf8Problem(String s) {
    if (s.isEmpty()) {
      return Reason.EMPTY;
    }
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\u0000') {
        return Reason.NULL_CHARACTER;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return Reason.ILL_FORMED_UTF8;
        }
        i++;
        bytes += 4;
      } else if (Character.isLowSurrogate(c)) {
        return Reason.ILL_FORMED_UTF8;
      } else {
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      }
    }
    return bytes > MAX_UTF8_BYTES ? Reason.TOO_LONG : null;
  }

  /** The rule broken by {@code s} as a topic name, or {@code null} if it is valid. */
  static @Nullable Reason topicNameProblem(String s) {
    Reason r = utf8Problem(s);
    if (r != null) {
      return r;
    }
    return s.indexOf('+') >= 0 || s.indexOf('#') >= 0 ? Reason.WILDCARD_IN_TOPIC_NAME : null;
  }

  /** The rule broken by {@code s} as a topic filter, or {@code null} if it is valid. */
  static @Nullable Reason topicFilterProblem(String s) {
    Reason r = utf8Problem(s);
    if (r != null) {
      return r;
    }
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean wholeLevel =
          (i == 0 || s.charAt(i - 1) == '/') && (i == n - 1 || s.charAt(i + 1) == '/');
      if (c == '#' && !(wholeLevel && i == n - 1)) {
        return Reason.MISPLACED_MULTI_LEVEL_WILDCARD;
      }
      if (c == '+' && !wholeLevel) {
        return Reason.MISPLACED_SINGLE_LEVEL_WILDCARD;
      }
    }
    return null;
  }

  /** Splits on {@code '/'}, keeping empty levels ({@code "/a/"} has three levels). */
  static String[] levels(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '/') {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out.toArray(new String[0]);
  }
}

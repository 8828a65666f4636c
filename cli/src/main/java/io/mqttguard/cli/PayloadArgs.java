package io.mqttguard.cli;

import io.mqttguard.topic.InvalidTopicException;
import io.mqttguard.topic.TopicName;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The topic and client ID arguments of {@code seal} and {@code open}, checked before they reach the
 * core: an envelope or stamp is bound to their UTF-8 bytes, so they must be exactly what the user
 * typed and valid MQTT strings. Java decodes the command line with the locale's character set
 * ({@code sun.jnu.encoding}; on JDK 17 a {@code -D} option cannot change it): under {@code
 * LC_ALL=C} every non-ASCII byte becomes U+FFFD. The {@code ./mqtt-guard} launcher runs Java under
 * a UTF-8 locale; here a U+FFFD, or non-ASCII text decoded with another character set, is a usage
 * error instead of a binding to other bytes. Stateless.
 */
final class PayloadArgs {
  private static final int SHOWN = 60;

  private PayloadArgs() {}

  /** The character set Java decoded this process's command line with. */
  static String argvCharset() {
    return System.getProperty("sun.jnu.encoding", StandardCharsets.UTF_8.name());
  }

  /**
   * {@code value} of option {@code option} if it is a valid MQTT topic name (what a PUBLISH
   * carries: not empty, no wildcards, no U+0000, at most 65535 UTF-8 bytes) typed as UTF-8.
   *
   * @throws CliException naming the option, the value (abbreviated) and the rule it breaks
   */
  static String topicName(String option, String value, String argvCharset) {
    typedAsUtf8(option, value, argvCharset);
    InvalidTopicException.Reason problem = TopicName.problem(value);
    if (problem != null) {
      throw new CliException(
          option
              + " "
              + shown(value)
              + " is not a valid MQTT topic name (the topic of a PUBLISH): "
              + problem.rule());
    }
    return value;
  }

  /**
   * {@code value} of option {@code option} if it is absent or a valid MQTT client ID to bind to
   * (not empty, no U+0000, at most 65535 UTF-8 bytes) typed as UTF-8.
   *
   * @throws CliException naming the option, the value (abbreviated) and the rule it breaks
   */
  static @Nullable String clientId(String option, @Nullable String value, String argvCharset) {
    if (value == null) {
      return null;
    }
    typedAsUtf8(option, value, argvCharset);
    // The same UTF-8 string rules as a topic name; '+', '#' and '/' are fine in a client ID.
    InvalidTopicException.Reason problem = TopicName.problem(value);
    if (problem != null && problem != InvalidTopicException.Reason.WILDCARD_IN_TOPIC_NAME) {
      throw new CliException(
          option + " " + shown(value) + " is not a valid MQTT client ID: " + problem.rule());
    }
    return value;
  }

  private static void typedAsUtf8(String option, String value, String argvCharset) {
    boolean utf8 = isUtf8(argvCharset);
    if (value.indexOf('\uFFFD') >= 0) {
      throw new CliException(
          option
              + " contains U+FFFD, the replacement for bytes that are not "
              + (utf8 ? "valid UTF-8" : "valid in " + argvCharset)
              + " (the character set Java decoded the command line with), so it is not what"
              + " you typed; "
              + (utf8 ? "type it in UTF-8" : "run through ./mqtt-guard or under a UTF-8 locale"));
    }
    if (!utf8 && !value.chars().allMatch(c -> c < 0x80)) {
      throw new CliException(
          option
              + " has non-ASCII characters, but Java decoded the command line as "
              + argvCharset
              + ", not UTF-8, so they may not be the bytes you typed; run through ./mqtt-guard"
              + " or under a UTF-8 locale");
    }
  }

  private static boolean isUtf8(String charset) {
    String c = charset.replace("-", "").replace("_", "");
    return c.equalsIgnoreCase("UTF8");
  }

  private static String shown(String value) {
    String escaped = value.replace("\u0000", "\\u0000");
    if (value.isEmpty()) {
      return "(empty)";
    }
    if (escaped.length() <= SHOWN) {
      return "'" + escaped + "'";
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    return "'" + escaped.substring(0, SHOWN) + "...' (" + bytes + " bytes in UTF-8)";
  }
}

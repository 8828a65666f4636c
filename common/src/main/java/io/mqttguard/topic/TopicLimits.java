package io.mqttguard.topic;

import org.jspecify.annotations.Nullable;

/**
 * Bounds on the size of every topic name and topic filter a client sends (SUBSCRIBE, UNSUBSCRIBE,
 * PUBLISH, will): at most {@code maxLevels} levels and {@code maxBytes} bytes of UTF-8, counted on
 * the whole string as sent (a {@code $share/group/} prefix included). A broker's subscription tree
 * may recurse once per level (Moquette 0.17 overflows its stack at a few thousand levels), so
 * nothing beyond these bounds may reach broker code. Immutable and thread-safe.
 *
 * @param maxLevels the most levels ({@code '/'}-separated, empty levels counted) a topic may have,
 *     1..{@value #MAX_LEVELS}
 * @param maxBytes the most UTF-8 bytes a topic may have, 1..65535
 */
public record TopicLimits(int maxLevels, int maxBytes) {
  /** The largest level limit that may be configured (the level limit of ACL rule topics). */
  public static final int MAX_LEVELS = 256;

  /** The default: every topic an ACL rule can name, and nothing deeper. */
  public static final int DEFAULT_MAX_LEVELS = 256;

  /** The default byte limit: room for 256 short levels; MQTT itself allows 65535. */
  public static final int DEFAULT_MAX_BYTES = 1024;

  /** {@link #DEFAULT_MAX_LEVELS} and {@link #DEFAULT_MAX_BYTES}. */
  public static final TopicLimits DEFAULT = new TopicLimits(DEFAULT_MAX_LEVELS, DEFAULT_MAX_BYTES);

  public TopicLimits {
    if (maxLevels < 1 || maxLevels > MAX_LEVELS) {
      throw new IllegalArgumentException(
          "maxLevels must be in 1.." + MAX_LEVELS + ", but was " + maxLevels);
    }
    if (maxBytes < 1 || maxBytes > 65535) {
      throw new IllegalArgumentException("maxBytes must be in 1..65535, but was " + maxBytes);
    }
  }

  /**
   * Checks one topic name or filter. Linear in its length, allocation-free unless it is refused;
   * stops at the first bound it passes.
   *
   * @return {@code null} if {@code topic} is within both bounds, else why not (for the audit)
   */
  public @Nullable String violation(String topic) {
    int levels = 1;
    int bytes = 0;
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      if (c == '/' && ++levels > maxLevels) {
        return "topic has more than " + maxLevels + " levels (guard.json topicLimits.maxLevels)";
      }
      bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
      if (bytes > maxBytes) {
        return "topic is longer than "
            + maxBytes
            + " bytes of UTF-8 (guard.json topicLimits.maxBytes)";
      }
    }
    return null;
  }
}

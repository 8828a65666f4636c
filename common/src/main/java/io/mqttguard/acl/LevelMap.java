package io.mqttguard.acl;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable open-addressing map from a literal topic level to a child {@link TrieNode} that can
 * be queried with a region of a topic string, so that the message path neither allocates substrings
 * nor hashes a level twice. Hashes follow {@link String#hashCode()}. Thread-safe once built.
 */
final class LevelMap {
  static final LevelMap EMPTY = new LevelMap(Map.of());

  private final @Nullable String[] keys;
  private final @Nullable TrieNode[] values;
  private final int mask;

  LevelMap(Map<String, TrieNode> entries) {
    int capacity = Integer.highestOneBit(Math.max(2, entries.size() * 2 + 1)) << 1;
    keys = new String[capacity];
    values = new TrieNode[capacity];
    mask = capacity - 1;
    for (Map.Entry<String, TrieNode> e : entries.entrySet()) {
      int i = spread(e.getKey().hashCode()) & mask;
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = e.getKey();
      values[i] = e.getValue();
    }
  }

  /** The child for {@code topic[start, end)} whose {@link String#hashCode()} is {@code hash}. */
  @Nullable TrieNode get(String topic, int start, int end, int hash) {
    int len = end - start;
    int i = spread(hash) & mask;
    for (String k = keys[i]; k != null; k = keys[i]) {
      if (k.length() == len && k.hashCode() == hash && k.regionMatches(0, topic, start, len)) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** The child for a whole level. */
  @Nullable TrieNode get(String level) {
    return get(level, 0, level.length(), level.hashCode());
  }

  /** Calls {@code visitor} for every entry (order unspecified). */
  void forEach(java.util.function.BiConsumer<String, TrieNode> visitor) {
    for (int i = 0; i < keys.length; i++) {
      String k = keys[i];
      TrieNode v = values[i];
      if (k != null && v != null) {
        visitor.accept(k, v);
      }
    }
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}

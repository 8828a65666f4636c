package io.mqttguard.acl;

import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Test scope only: the pre-issue-20 engine, unchanged, kept as the reference of {@link LegacyAcl}.
 * An immutable open-addressing map from a literal topic level to a child {@link LegacyTrieNode}
 * that can be queried with a region of a topic string, so that the message path neither allocates
 * substrings nor hashes a level twice. Keys and values are interleaved in one array (a probe
 * touches one cache line), the load factor is at most 2/3, hashes follow {@link String#hashCode()}.
 * Thread-safe once built.
 */
final class LegacyLevelMap {
  static final LegacyLevelMap EMPTY = new LegacyLevelMap(Map.of());

  /** {@code [key0, child0, key1, child1, ...]}; a {@code null} key marks a free slot. */
  private final @Nullable Object[] table;

  private final int mask;

  LegacyLevelMap(Map<String, LegacyTrieNode> entries) {
    int slots = Integer.highestOneBit(Math.max(1, entries.size() * 3 / 2)) << 1;
    table = new Object[slots * 2];
    mask = slots - 1;
    for (Map.Entry<String, LegacyTrieNode> e : entries.entrySet()) {
      int i = spread(e.getKey().hashCode()) & mask;
      while (table[2 * i] != null) {
        i = (i + 1) & mask;
      }
      table[2 * i] = e.getKey();
      table[2 * i + 1] = e.getValue();
    }
  }

  /** The child for {@code topic[start, end)} whose {@link String#hashCode()} is {@code hash}. */
  @Nullable LegacyTrieNode get(String topic, int start, int end, int hash) {
    int len = end - start;
    int i = spread(hash) & mask;
    for (Object k = table[2 * i]; k != null; k = table[2 * i]) {
      String key = (String) k;
      if (key.length() == len
          && key.hashCode() == hash
          && key.regionMatches(0, topic, start, len)) {
        return (LegacyTrieNode) table[2 * i + 1];
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** The child for a whole level. */
  @Nullable LegacyTrieNode get(String level) {
    return get(level, 0, level.length(), level.hashCode());
  }

  /** Calls {@code visitor} for every entry (order unspecified). */
  void forEach(BiConsumer<String, LegacyTrieNode> visitor) {
    for (int i = 0; i < table.length; i += 2) {
      Object k = table[i];
      Object v = table[i + 1];
      if (k != null && v != null) {
        visitor.accept((String) k, (LegacyTrieNode) v);
      }
    }
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}

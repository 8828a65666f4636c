package io.mqttguard.acl;

import java.util.HashMap;
import java.util.Map;

/**
 * The distinct literal levels of one set of tries, interned to ints: a level's id is its offset in
 * one {@code char[]}, where it is stored as its length (two chars, high half first) followed by its
 * chars. Each distinct level is stored once however many trie nodes carry it, and checking a level
 * against a region of a topic string touches one place in memory (no {@link String} object, no
 * separate offset table), without allocating. Immutable and thread-safe once built.
 */
final class LevelPool {
  private final char[] chars;

  private LevelPool(char[] chars) {
    this.chars = chars;
  }

  /** Whether level {@code id} equals {@code topic[start, end)}. */
  boolean matches(int id, String topic, int start, int end) {
    int len = chars[id] << 16 | chars[id + 1];
    if (len != end - start) {
      return false;
    }
    int from = id + 2;
    for (int i = 0; i < len; i++) {
      if (chars[from + i] != topic.charAt(start + i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether level {@code id} starts with {@code '$'}. */
  boolean dollar(int id) {
    return (chars[id] != 0 || chars[id + 1] != 0) && chars[id + 2] == '$';
  }

  /** Interns levels while tries are built. Not thread-safe. */
  static final class Builder {
    private final Map<String, Integer> ids = new HashMap<>();
    private final StringBuilder chars = new StringBuilder();

    /** The id of {@code level}, interning it if new. */
    int intern(String level) {
      Integer id = ids.get(level);
      if (id != null) {
        return id;
      }
      int next = chars.length();
      ids.put(level, next);
      chars.append((char) (level.length() >>> 16)).append((char) level.length()).append(level);
      return next;
    }

    LevelPool build() {
      char[] c = new char[chars.length()];
      chars.getChars(0, c.length, c, 0);
      return new LevelPool(c);
    }
  }
}

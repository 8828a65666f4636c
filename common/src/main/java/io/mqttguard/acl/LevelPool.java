package io.mqttguard.acl;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The distinct literal levels of one set of tries, interned to ints: level {@code i} is {@code
 * chars[starts[i], starts[i + 1])}. Each distinct level is stored once however many trie nodes
 * carry it. Levels are compared with regions of a topic string in place, so the message path
 * neither allocates nor touches a {@link String} object per level. Immutable and thread-safe once
 * built.
 */
final class LevelPool {
  private final char[] chars;
  private final int[] starts;

  private LevelPool(char[] chars, int[] starts) {
    this.chars = chars;
    this.starts = starts;
  }

  /** Whether level {@code id} equals {@code topic[start, end)}. */
  boolean matches(int id, String topic, int start, int end) {
    int from = starts[id];
    int len = starts[id + 1] - from;
    if (len != end - start) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (chars[from + i] != topic.charAt(start + i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether level {@code id} starts with {@code '$'}. */
  boolean dollar(int id) {
    int from = starts[id];
    return starts[id + 1] > from && chars[from] == '$';
  }

  /** Interns levels while tries are built. Not thread-safe. */
  static final class Builder {
    private final Map<String, Integer> ids = new HashMap<>();
    private final StringBuilder chars = new StringBuilder();
    private int[] starts = new int[16];

    /** The id of {@code level}, interning it if new. */
    int intern(String level) {
      Integer id = ids.get(level);
      if (id != null) {
        return id;
      }
      int next = ids.size();
      ids.put(level, next);
      chars.append(level);
      if (next + 2 > starts.length) {
        starts = Arrays.copyOf(starts, starts.length * 2);
      }
      starts[next + 1] = chars.length();
      return next;
    }

    LevelPool build() {
      char[] c = new char[chars.length()];
      chars.getChars(0, c.length, c, 0);
      return new LevelPool(c, Arrays.copyOf(starts, ids.size() + 1));
    }
  }
}

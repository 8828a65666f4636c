package io.mqttguard.acl;

import java.util.HashMap;
import java.util.Map;

/**
 * The distinct literal levels of one set of tries, interned to ints: a level's id is its offset in
 * one {@link String} holding all of them, each followed by a '/' (which no level contains), so that
 * distinct levels, the empty one included, get distinct ids; its length is kept by the trie node.
 * Each distinct level is stored once however many trie nodes carry it (Latin-1 levels at one byte
 * per char), and checking a level against a region of a topic string compares the two strings'
 * bytes in place ({@link String#regionMatches}), without allocating. Immutable and thread-safe once
 * built.
 */
final class LevelPool {
  private final String chars;

  private LevelPool(String chars) {
    this.chars = chars;
  }

  /** Whether the level at {@code id} of length {@code length} equals the topic region. */
  boolean matches(int id, int length, String topic, int start) {
    return chars.regionMatches(id, topic, start, length);
  }

  /** Whether the level at {@code id} of length {@code length} starts with {@code '$'}. */
  boolean dollar(int id, int length) {
    return length > 0 && chars.charAt(id) == '$';
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
      chars.append(level).append('/'); // the separator keeps ids unique, even for the empty level
      return next;
    }

    LevelPool build() {
      return new LevelPool(chars.toString());
    }
  }
}

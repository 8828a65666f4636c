package io.mqttguard.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * A pattern where {@code *} matches any run of characters (including none) and every other
 * character matches itself. Immutable and thread-safe.
 */
final class Glob {
  private final String pattern;
  private final List<String> parts;

  private Glob(String pattern) {
    this.pattern = pattern;
    this.parts = List.of(pattern.split("\\*", -1));
  }

  static Glob of(String pattern) {
    return new Glob(pattern);
  }

  /** Matches pieces split at stars; the pieces themselves are literal. */
  static boolean matches(List<String> literalPieces, String value) {
    if (literalPieces.size() == 1) {
      return literalPieces.get(0).equals(value);
    }
    String first = literalPieces.get(0);
    String last = literalPieces.get(literalPieces.size() - 1);
    if (value.length() < first.length() + last.length()
        || !value.startsWith(first)
        || !value.endsWith(last)) {
      return false;
    }
    int pos = first.length();
    int end = value.length() - last.length();
    for (int i = 1; i < literalPieces.size() - 1; i++) {
      int found = value.indexOf(literalPieces.get(i), pos);
      if (found < 0 || found + literalPieces.get(i).length() > end) {
        return false;
      }
      pos = found + literalPieces.get(i).length();
    }
    return true;
  }

  boolean matches(String value) {
    return matches(parts, value);
  }

  @Override
  public String toString() {
    return pattern;
  }

  /** Helper for callers assembling pieces from literal text and substituted values. */
  static List<String> newPieces() {
    List<String> l = new ArrayList<>();
    l.add("");
    return l;
  }
}

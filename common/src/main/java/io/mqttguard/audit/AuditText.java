package io.mqttguard.audit;

/**
 * The one sanitizer of client-controlled strings (client IDs, usernames, topics, listener names,
 * reasons that quote them) before they are echoed into audit events, logs or error messages: at
 * most a given number of characters, then {@code "..."}; every control character and every unpaired
 * UTF-16 surrogate replaced by {@code ?}. A surrogate pair (a character outside the BMP) is kept
 * whole and never cut in half. Stateless and thread-safe.
 */
public final class AuditText {
  /** Limit for identifiers echoed by authentication: client ID, username, listener, address. */
  public static final int IDENTIFIER_CHARS = 128;

  /** Limit for topics, listener names and reasons in publish, subscribe and revoke events. */
  public static final int TEXT_CHARS = 256;

  private AuditText() {}

  /**
   * {@code s} made safe to echo: cut to at most {@code maxChars} UTF-16 chars (then {@code "..."}
   * appended), control characters and unpaired surrogates replaced by {@code ?}.
   *
   * @param maxChars the longest text kept, e.g. {@link #IDENTIFIER_CHARS} or {@link #TEXT_CHARS}
   */
  public static String sanitize(String s, int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be positive");
    }
    int end = Math.min(s.length(), maxChars);
    if (end < s.length()
        && Character.isHighSurrogate(s.charAt(end - 1))
        && Character.isLowSurrogate(s.charAt(end))) {
      end--; // never split a pair
    }
    StringBuilder b = new StringBuilder(end + 3);
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < end
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else {
        b.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
      }
    }
    if (end < s.length()) {
      b.append("...");
    }
    return b.toString();
  }
}

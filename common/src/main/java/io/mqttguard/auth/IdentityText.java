package io.mqttguard.auth;

/**
 * Validation of identity values (client IDs, usernames) that reach ACL substitution. Echoing such
 * values into audit text is {@link io.mqttguard.audit.AuditText}'s job. Stateless.
 */
final class IdentityText {
  private IdentityText() {}

  /** Whether {@code s} contains an unpaired UTF-16 surrogate (not encodable as UTF-8). */
  static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Why {@code s} can never be an identity value (client ID, username) that reaches ACL
   * substitution, or {@code null} if it is fine: empty, longer than {@code max}, U+0000, other
   * control characters, {@code + # /}, an unpaired surrogate, or U+FFFD (the trace of invalid UTF-8
   * that a decoder replaced).
   */
  static @org.jspecify.annotations.Nullable String identityProblem(String s, int max) {
    if (s.isEmpty()) {
      return "is empty";
    }
    if (s.length() > max) {
      return "is longer than " + max + " characters";
    }
    if (hasLoneSurrogate(s)) {
      return "is not valid UTF-8 (unpaired surrogate)";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+' || c == '#' || c == '/') {
        return "contains the topic character '" + c + "'";
      }
      if (c == '\uFFFD') {
        return "contains U+FFFD (invalid UTF-8 replaced while decoding)";
      }
      if (Character.isISOControl(c)) {
        return "contains a control character (U+" + String.format("%04X", (int) c) + ")";
      }
    }
    return null;
  }
}

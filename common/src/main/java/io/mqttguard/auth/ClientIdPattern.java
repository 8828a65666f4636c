package io.mqttguard.auth;

import static io.mqttguard.audit.AuditText.IDENTIFIER_CHARS;

import io.mqttguard.audit.AuditText;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One allowed client-ID pattern of a user or certificate rule: literal text, {@code *} (any run of
 * characters) and the substitutions {@code ${user.name}} and {@code ${cert.cn}}. Substituted values
 * are matched literally (a {@code *} inside a username is not a wildcard). Parsed once at load;
 * immutable and thread-safe.
 */
final class ClientIdPattern {
  /** A token: literal text, a star, or a substitution. */
  private sealed interface Token permits Text, Star, UserName, CertCn {}

  private record Text(String text) implements Token {}

  private record Star() implements Token {}

  private record UserName() implements Token {}

  private record CertCn() implements Token {}

  private final String source;
  private final List<Token> tokens;

  private ClientIdPattern(String source, List<Token> tokens) {
    this.source = source;
    this.tokens = List.copyOf(tokens);
  }

  /**
   * Parses {@code pattern}.
   *
   * @throws IllegalArgumentException with an operator-facing message if the pattern uses an unknown
   *     substitution or can never match a valid client ID
   */
  static ClientIdPattern parse(String pattern) {
    List<Token> tokens = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '$' && pattern.startsWith("${", i)) {
        int close = pattern.indexOf('}', i);
        String name = close < 0 ? "" : pattern.substring(i + 2, close);
        Token t =
            switch (name) {
              case "user.name" -> new UserName();
              case "cert.cn" -> new CertCn();
              default ->
                  throw new IllegalArgumentException(
                      "client-ID pattern may use only ${user.name} and ${cert.cn}, but was '"
                          + AuditText.sanitize(pattern, IDENTIFIER_CHARS)
                          + "'");
            };
        flush(text, tokens);
        tokens.add(t);
        i = close + 1;
      } else if (c == '*') {
        flush(text, tokens);
        tokens.add(new Star());
        i++;
      } else {
        if (c == '+' || c == '#' || c == '/' || Character.isISOControl(c)) {
          throw new IllegalArgumentException(
              "client-ID pattern contains '"
                  + (Character.isISOControl(c) ? "control character" : String.valueOf(c))
                  + "', which valid client IDs never contain");
        }
        text.append(c);
        i++;
      }
    }
    flush(text, tokens);
    return new ClientIdPattern(pattern, tokens);
  }

  private static void flush(StringBuilder text, List<Token> tokens) {
    if (text.length() > 0) {
      tokens.add(new Text(text.toString()));
      text.setLength(0);
    }
  }

  /**
   * Whether {@code clientId} matches with the given substitution values; a substitution whose value
   * is {@code null} (e.g. no certificate) makes the pattern not match.
   */
  boolean matches(String clientId, @Nullable String userName, @Nullable String certCn) {
    List<String> pieces = Glob.newPieces();
    for (Token t : tokens) {
      String literal;
      if (t instanceof Star) {
        pieces.add("");
        continue;
      } else if (t instanceof Text text) {
        literal = text.text();
      } else if (t instanceof UserName) {
        literal = userName;
      } else {
        literal = certCn;
      }
      if (literal == null) {
        return false;
      }
      int last = pieces.size() - 1;
      pieces.set(last, pieces.get(last) + literal);
    }
    return Glob.matches(pieces, clientId);
  }

  /** The code unit that stands for {@code *} in {@link #expandedFor}; never a char value. */
  static final int STAR = -1;

  /**
   * This pattern for password user {@code userName}: its code units, {@code ${user.name}} replaced
   * by the name's (matched literally) and every {@code *} as {@link #STAR}.
   *
   * @return {@code null} if the pattern needs {@code ${cert.cn}} (it matches nothing for a password
   *     login)
   */
  int @Nullable [] expandedFor(String userName) {
    StringBuilder literal = new StringBuilder();
    List<Integer> units = new ArrayList<>();
    for (Token t : tokens) {
      if (t instanceof CertCn) {
        return null;
      }
      literal.setLength(0);
      if (t instanceof Star) {
        units.add(STAR);
      } else if (t instanceof Text text) {
        literal.append(text.text());
      } else {
        literal.append(userName);
      }
      literal.chars().forEach(units::add);
    }
    return units.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    return source;
  }
}

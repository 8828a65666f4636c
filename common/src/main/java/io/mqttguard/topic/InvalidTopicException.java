package io.mqttguard.topic;

/**
 * A string is not a valid MQTT topic name, topic filter or shared subscription. The {@link
 * #reason()} says which rule of MQTT §4.7 / §1.5.4 was broken; the message quotes at most the first
 * 100 characters of the input.
 */
public final class InvalidTopicException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Which rule was broken. */
  public enum Reason {
    EMPTY("must not be empty"),
    NULL_CHARACTER("must not contain U+0000"),
    TOO_LONG("must be at most 65535 bytes in UTF-8"),
    ILL_FORMED_UTF8("must be well-formed UTF-8 (no unpaired surrogates)"),
    WILDCARD_IN_TOPIC_NAME("a topic name must not contain '+' or '#'"),
    MISPLACED_MULTI_LEVEL_WILDCARD("'#' must be the whole last level"),
    MISPLACED_SINGLE_LEVEL_WILDCARD("'+' must occupy a whole level"),
    INVALID_SHARE_GROUP("a share group must be non-empty and contain no '/', '+' or '#'"),
    MISSING_SHARED_FILTER("a shared subscription must be '$share/{group}/{filter}'");

    private final String rule;

    Reason(String rule) {
      this.rule = rule;
    }

    /** The rule in words, e.g. {@code "'+' must occupy a whole level"}. */
    public String rule() {
      return rule;
    }
  }

  private final Reason reason;

  InvalidTopicException(Reason reason, String kind, String input) {
    super(kind + " " + reason.rule() + ", but was '" + abbreviate(input) + "'");
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  private static String abbreviate(String input) {
    String shown = input.length() > 100 ? input.substring(0, 100) + "..." : input;
    return shown.replace("\u0000", "\\u0000");
  }
}

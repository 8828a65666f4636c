package io.mqttguard.auth;

import static java.util.Objects.requireNonNull;

/**
 * Authentication settings of one broker listener.
 *
 * @param mode how clients prove their identity
 * @param allowAnonymous whether clients without any credential connect as anonymous
 * @param requireTlsForPassword refuse a password sent over a connection without TLS
 * @param minTlsVersion the lowest accepted TLS protocol ({@code TLSv1.2} or {@code TLSv1.3})
 */
public record ListenerPolicy(
    AuthMode mode, boolean allowAnonymous, boolean requireTlsForPassword, String minTlsVersion) {

  /** Password authentication, no anonymous access, no passwords without TLS, TLS 1.2 or newer. */
  public static final ListenerPolicy DEFAULT =
      new ListenerPolicy(AuthMode.PASSWORD, false, true, "TLSv1.2");

  public ListenerPolicy {
    requireNonNull(mode, "mode");
    requireNonNull(minTlsVersion, "minTlsVersion");
    if (tlsRank(minTlsVersion) < tlsRank("TLSv1.2")) {
      throw new IllegalArgumentException(
          "minTlsVersion must be TLSv1.2 or TLSv1.3, but was " + minTlsVersion);
    }
  }

  /** Whether {@code protocol} (as reported by the TLS layer) meets {@link #minTlsVersion()}. */
  public boolean acceptsTls(String protocol) {
    return tlsRank(protocol) >= tlsRank(minTlsVersion);
  }

  private static int tlsRank(String protocol) {
    return switch (protocol) {
      case "TLSv1.2" -> 2;
      case "TLSv1.3" -> 3;
      case "TLSv1", "TLSv1.1", "SSLv3" -> 0;
      default -> -1;
    };
  }
}

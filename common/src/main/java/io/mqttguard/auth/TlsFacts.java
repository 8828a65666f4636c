package io.mqttguard.auth;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the broker's TLS layer negotiated for a connection.
 *
 * @param protocol the negotiated protocol, e.g. {@code TLSv1.3}
 * @param cipherSuite the negotiated cipher suite, if known
 * @param peerChain the client's certificate chain, leaf first; empty if the client sent none
 */
public record TlsFacts(
    String protocol, @Nullable String cipherSuite, List<X509Certificate> peerChain) {
  public TlsFacts {
    requireNonNull(protocol, "protocol");
    peerChain = List.copyOf(peerChain);
  }

  /** The client's leaf certificate, if any. */
  public @Nullable X509Certificate leaf() {
    return peerChain.isEmpty() ? null : peerChain.get(0);
  }

  /** When the first certificate of the peer chain expires, or null without a chain. */
  public @Nullable Instant earliestExpiry() {
    Instant min = null;
    for (X509Certificate c : peerChain) {
      Instant t = c.getNotAfter().toInstant();
      min = min == null || t.isBefore(min) ? t : min;
    }
    return min;
  }
}

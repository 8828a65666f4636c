package io.mqttguard.auth;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The certificate revocation lists configured in {@code guard.json}, parsed at load. Immutable and
 * thread-safe. The CRL files are trusted as configured by the operator (their signatures are not
 * re-checked here).
 */
final class Revocation {
  static final Revocation NONE = new Revocation(List.of(), List.of());

  private final List<X509CRL> crls;
  private final List<Path> files;

  Revocation(List<X509CRL> crls, List<Path> files) {
    this.crls = List.copyOf(crls);
    this.files = List.copyOf(files);
  }

  List<Path> files() {
    return files;
  }

  /** Whether any configured CRL from {@code c}'s issuer lists {@code c}'s serial number. */
  boolean isRevoked(X509Certificate c) {
    for (X509CRL crl : crls) {
      if (crl.getIssuerX500Principal().equals(c.getIssuerX500Principal()) && crl.isRevoked(c)) {
        return true;
      }
    }
    return false;
  }

  int size() {
    return crls.size();
  }
}

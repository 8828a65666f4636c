package io.mqttguard.identity;

import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads certificate chains (PEM or DER) with the JDK's certificate factory. Stateless. */
public final class CertificateChains {
  private CertificateChains() {}

  /**
   * The certificates in {@code bytes}, leaf first as written.
   *
   * @throws CertificateException if the bytes are not certificates, or hold none
   */
  public static List<X509Certificate> parse(byte[] bytes) throws CertificateException {
    List<X509Certificate> out = new ArrayList<>();
    for (Certificate c :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(bytes))) {
      out.add((X509Certificate) c);
    }
    if (out.isEmpty()) {
      throw new CertificateException("no certificate found");
    }
    return out;
  }
}

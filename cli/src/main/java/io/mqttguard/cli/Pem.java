package io.mqttguard.cli;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads certificate chains (PEM or DER) with the JDK's certificate factory. */
final class Pem {
  private Pem() {}

  /** The certificates of {@code file}, leaf first as written. */
  static List<X509Certificate> chain(Path file) {
    byte[] bytes = JsonFiles.read(file);
    try {
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(bytes))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new CliException(file + ": no certificate found (expected PEM or DER)");
      }
      return out;
    } catch (CertificateException e) {
      throw new CliException(file + ": not a certificate (expected PEM or DER)", e);
    }
  }
}

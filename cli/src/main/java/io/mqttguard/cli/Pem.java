package io.mqttguard.cli;

import io.mqttguard.identity.CertificateChains;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/** Reads certificate chains (PEM or DER) for the commands, with file-named errors. */
final class Pem {
  private Pem() {}

  /** The certificates of {@code file}, leaf first as written. */
  static List<X509Certificate> chain(Path file) {
    byte[] bytes = JsonFiles.read(file);
    try {
      return CertificateChains.parse(bytes);
    } catch (CertificateException e) {
      throw new CliException(file + ": not a certificate chain (expected PEM or DER)", e);
    }
  }
}

package io.mqttguard.identity;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Facts taken from a client's X.509 leaf certificate, for identity mapping and for ACL
 * substitutions such as {@code ${cert.cn}}. Contains no secret material.
 *
 * @param subjectDn RFC 4514 subject distinguished name
 * @param issuerDn RFC 4514 issuer distinguished name
 * @param commonName the subject CN, if present
 * @param sha256Fingerprint lowercase hex SHA-256 of the DER encoding
 * @param dnsNames subjectAltName dNSName entries
 * @param uris subjectAltName uniformResourceIdentifier entries
 * @param emails subjectAltName rfc822Name entries
 * @param ipAddresses subjectAltName iPAddress entries, in textual form
 */
public record CertificateFields(
    String subjectDn,
    String issuerDn,
    @Nullable String commonName,
    String sha256Fingerprint,
    List<String> dnsNames,
    List<String> uris,
    List<String> emails,
    List<String> ipAddresses) {

  public CertificateFields {
    dnsNames = List.copyOf(dnsNames);
    uris = List.copyOf(uris);
    emails = List.copyOf(emails);
    ipAddresses = List.copyOf(ipAddresses);
  }
}

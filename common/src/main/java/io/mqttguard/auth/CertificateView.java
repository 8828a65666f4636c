package io.mqttguard.auth;

import io.mqttguard.identity.CertificateFields;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.jspecify.annotations.Nullable;

/**
 * The facts of a client's leaf certificate that mapping rules look at, extracted once per CONNECT.
 * Immutable.
 */
final class CertificateView {
  /** subjectAltName kinds we match on. */
  enum SanType {
    EMAIL(1),
    DNS(2),
    URI(6),
    IP(7);

    final int tag;

    SanType(int tag) {
      this.tag = tag;
    }
  }

  final X509Certificate certificate;
  final X500Principal issuer;
  final X500Principal subject;
  private final X500Name subjectName;
  final @Nullable String commonName;
  final String fingerprintHex;
  final Map<SanType, List<String>> sans;

  private CertificateView(X509Certificate c) throws CertificateParsingException {
    this.certificate = c;
    this.issuer = c.getIssuerX500Principal();
    this.subject = c.getSubjectX500Principal();
    this.subjectName = X500Name.getInstance(subject.getEncoded());
    List<String> cns = values(BCStyle.CN);
    this.commonName = cns.isEmpty() ? null : cns.get(0);
    this.fingerprintHex = HexFormat.of().formatHex(sha256(c));
    this.sans = subjectAltNames(c);
  }

  /**
   * Extracts the facts of {@code c}.
   *
   * @throws CertificateParsingException if the certificate's names or encoding are malformed
   */
  static CertificateView of(X509Certificate c) throws CertificateParsingException {
    try {
      return new CertificateView(c);
    } catch (RuntimeException e) {
      throw new CertificateParsingException(
          "malformed certificate: " + e.getClass().getSimpleName());
    }
  }

  /** All values of subject attribute {@code oid}, as strings. */
  List<String> values(ASN1ObjectIdentifier oid) {
    List<String> out = new ArrayList<>();
    for (RDN rdn : subjectName.getRDNs(oid)) {
      for (var atv : rdn.getTypesAndValues()) {
        if (atv.getType().equals(oid)) {
          out.add(IETFUtils.valueToString(atv.getValue()));
        }
      }
    }
    return out;
  }

  /** The SAN values of {@code type}, in certificate order. */
  List<String> san(SanType type) {
    return sans.getOrDefault(type, List.of());
  }

  CertificateFields fields() {
    return new CertificateFields(
        subject.getName(X500Principal.RFC2253),
        issuer.getName(X500Principal.RFC2253),
        commonName,
        fingerprintHex,
        san(SanType.DNS),
        san(SanType.URI),
        san(SanType.EMAIL),
        san(SanType.IP));
  }

  private static Map<SanType, List<String>> subjectAltNames(X509Certificate c)
      throws CertificateParsingException {
    Map<SanType, List<String>> out = new EnumMap<>(SanType.class);
    Collection<List<?>> all = c.getSubjectAlternativeNames();
    if (all == null) {
      return out;
    }
    for (List<?> entry : all) {
      if (entry.size() < 2 || !(entry.get(0) instanceof Integer tag)) {
        continue;
      }
      for (SanType t : SanType.values()) {
        if (t.tag == tag && entry.get(1) instanceof String value) {
          out.computeIfAbsent(t, k -> new ArrayList<>()).add(value);
        }
      }
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }

  private static byte[] sha256(X509Certificate c) throws CertificateParsingException {
    try {
      return MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new CertificateParsingException("certificate cannot be encoded");
    }
  }
}

package io.mqttguard.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.jspecify.annotations.Nullable;

/**
 * One certificate mapping rule of {@code users.json}, parsed at load. Immutable.
 *
 * @param name the rule's name for audit ({@code certificates/<index>} by default)
 * @param issuer required issuer DN (structural comparison), if given
 * @param subject required subject DN (structural comparison), if given
 * @param subjectFields required subject attributes
 * @param sans required subjectAltName patterns
 * @param fingerprintHex required lowercase hex SHA-256 fingerprint, if given
 * @param username where the username comes from
 * @param roles roles granted
 * @param clientIds allowed client IDs (empty = any)
 * @param attributes attributes granted
 */
record CertificateRule(
    String name,
    @Nullable X500Principal issuer,
    @Nullable X500Principal subject,
    Map<ASN1ObjectIdentifier, Glob> subjectFields,
    Map<CertificateView.SanType, Glob> sans,
    @Nullable String fingerprintHex,
    UsernameSource username,
    Set<String> roles,
    List<ClientIdPattern> clientIds,
    Map<String, String> attributes) {

  /** Where the mapped username comes from. */
  record UsernameSource(Kind kind, @Nullable String fixed) {
    enum Kind {
      CN,
      SAN_DNS,
      SAN_URI,
      SAN_EMAIL,
      SAN_IP,
      FINGERPRINT,
      FIXED
    }

    static UsernameSource parse(String text) {
      Kind kind =
          switch (text) {
            case "${cert.cn}" -> Kind.CN;
            case "${cert.san.dns}" -> Kind.SAN_DNS;
            case "${cert.san.uri}" -> Kind.SAN_URI;
            case "${cert.san.email}" -> Kind.SAN_EMAIL;
            case "${cert.san.ip}" -> Kind.SAN_IP;
            case "${cert.fingerprint}" -> Kind.FINGERPRINT;
            default -> Kind.FIXED;
          };
      if (kind == Kind.FIXED && text.contains("${")) {
        throw new IllegalArgumentException(
            "username must be ${cert.cn}, ${cert.san.dns}, ${cert.san.uri}, ${cert.san.email},"
                + " ${cert.san.ip}, ${cert.fingerprint} or a fixed name");
      }
      return new UsernameSource(kind, kind == Kind.FIXED ? text : null);
    }

    @Nullable String resolve(CertificateView v) {
      return switch (kind) {
        case CN -> v.commonName;
        case SAN_DNS -> first(v.san(CertificateView.SanType.DNS));
        case SAN_URI -> first(v.san(CertificateView.SanType.URI));
        case SAN_EMAIL -> first(v.san(CertificateView.SanType.EMAIL));
        case SAN_IP -> first(v.san(CertificateView.SanType.IP));
        case FINGERPRINT -> v.fingerprintHex;
        case FIXED -> fixed;
      };
    }

    private static @Nullable String first(List<String> values) {
      return values.isEmpty() ? null : values.get(0);
    }
  }

  CertificateRule {
    subjectFields = Map.copyOf(subjectFields);
    sans = Map.copyOf(sans);
    roles = Set.copyOf(roles);
    clientIds = List.copyOf(clientIds);
    attributes = Map.copyOf(attributes);
  }

  /** Whether every condition of this rule holds for {@code v}. */
  boolean matches(CertificateView v) {
    if (issuer != null && !issuer.equals(v.issuer)) {
      return false;
    }
    if (subject != null && !subject.equals(v.subject)) {
      return false;
    }
    if (fingerprintHex != null && !fingerprintHex.equals(v.fingerprintHex)) {
      return false;
    }
    for (var f : subjectFields.entrySet()) {
      if (v.values(f.getKey()).stream().noneMatch(f.getValue()::matches)) {
        return false;
      }
    }
    for (var s : sans.entrySet()) {
      if (v.san(s.getKey()).stream().noneMatch(s.getValue()::matches)) {
        return false;
      }
    }
    return true;
  }
}

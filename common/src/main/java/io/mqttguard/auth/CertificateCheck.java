package io.mqttguard.auth;

import static io.mqttguard.audit.AuditText.IDENTIFIER_CHARS;

import io.mqttguard.audit.AuditText;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;

/** Validity, revocation and mapping of a presented certificate chain. Stateless. */
final class CertificateCheck {
  /** The result of checking a chain. */
  sealed interface Outcome permits Mapped, NoMatch, Invalid {}

  /** A rule matched; {@code candidate} is the certificate identity. */
  record Mapped(Candidate candidate) implements Outcome {}

  /** The certificate is fine but no rule maps it. */
  record NoMatch(String detail) implements Outcome {}

  /** The certificate must be refused (expired, revoked, malformed, unusable identity). */
  record Invalid(String detail) implements Outcome {}

  private CertificateCheck() {}

  static Outcome check(
      List<X509Certificate> chain, UsersConfig users, Revocation crls, Clock clock) {
    CertificateView view;
    try {
      view = CertificateView.of(chain.get(0));
    } catch (CertificateParsingException e) {
      return new Invalid("malformed client certificate");
    }
    Date now = Date.from(clock.instant());
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate c = chain.get(i);
      try {
        c.checkValidity(now);
      } catch (CertificateExpiredException e) {
        return new Invalid("certificate " + i + " of the chain has expired");
      } catch (CertificateNotYetValidException e) {
        return new Invalid("certificate " + i + " of the chain is not yet valid");
      }
      if (crls.isRevoked(c)) {
        return new Invalid(
            "certificate " + i + " of the chain is revoked (serial " + c.getSerialNumber() + ")");
      }
    }
    for (CertificateRule rule : users.certificateRules()) {
      if (rule.matches(view)) {
        return map(rule, view);
      }
    }
    return new NoMatch(
        "no certificate mapping rule matches "
            + AuditText.sanitize(view.subject.getName(), IDENTIFIER_CHARS));
  }

  private static Outcome map(CertificateRule rule, CertificateView view) {
    String username = rule.username().resolve(view);
    if (username == null) {
      return new Invalid(
          "rule " + rule.name() + " matched but the certificate lacks the username source");
    }
    String problem = IdentityText.identityProblem(username, 256);
    if (problem != null) {
      return new Invalid("rule " + rule.name() + " matched but the mapped username " + problem);
    }
    return new Mapped(
        new Candidate(
            username,
            rule.roles(),
            rule.attributes(),
            view.fields(),
            List.of(rule.clientIds()),
            AuthResult.Factors.CERTIFICATE,
            "certificate:" + rule.name()));
  }
}

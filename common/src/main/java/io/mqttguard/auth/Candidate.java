package io.mqttguard.auth;

import io.mqttguard.identity.CertificateFields;
import io.mqttguard.identity.ClientIdentity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An identity whose credentials were verified, before client-ID binding and session checks.
 *
 * @param username the username ({@code null} only for anonymous)
 * @param roles granted roles
 * @param attributes granted attributes
 * @param certificate certificate facts, if a certificate was presented and mapped
 * @param bindings client-ID pattern lists; each non-empty list must match
 * @param factors the credentials verified so far
 * @param decidedBy the user or rule that decided, as audit text
 */
record Candidate(
    @Nullable String username,
    Set<String> roles,
    Map<String, String> attributes,
    @Nullable CertificateFields certificate,
    List<List<ClientIdPattern>> bindings,
    AuthResult.Factors factors,
    String decidedBy) {

  static Candidate anonymous() {
    return new Candidate(
        null, Set.of(), Map.of(), null, List.of(), AuthResult.Factors.NONE, "anonymous");
  }

  static Candidate of(UserEntry u) {
    return new Candidate(
        u.name(),
        u.roles(),
        u.attributes(),
        null,
        List.of(u.clientIds()),
        AuthResult.Factors.PASSWORD,
        "user:" + u.name());
  }

  /** Two factors: this certificate identity plus the password user's grants. */
  Candidate with(UserEntry u) {
    Set<String> r = new HashSet<>(roles);
    r.addAll(u.roles());
    Map<String, String> a = new HashMap<>(attributes);
    a.putAll(u.attributes());
    return new Candidate(
        username,
        r,
        a,
        certificate,
        List.of(bindings.isEmpty() ? List.of() : bindings.get(0), u.clientIds()),
        AuthResult.Factors.CERTIFICATE_AND_PASSWORD,
        decidedBy + "+user:" + u.name());
  }

  /** The audit text of the acceptance, e.g. {@code user:alice (hash)}. */
  String decidedBy(AuthResult.PasswordCheck how) {
    return how == AuthResult.PasswordCheck.NONE
        ? decidedBy
        : decidedBy + " (" + how.name().toLowerCase(Locale.ROOT) + ")";
  }

  boolean clientIdAllowed(String clientId) {
    String cn = certificate == null ? null : certificate.commonName();
    for (List<ClientIdPattern> patterns : bindings) {
      if (!patterns.isEmpty()
          && patterns.stream().noneMatch(p -> p.matches(clientId, username, cn))) {
        return false;
      }
    }
    return true;
  }

  String principal() {
    return username == null ? "anonymous" : "user:" + username;
  }

  ClientIdentity toIdentity(String clientId) {
    return new ClientIdentity(clientId, username, roles, attributes, certificate, username == null);
  }
}

package io.mqttguard.auth;

import io.mqttguard.identity.ClientIdentity;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Re-validation of a live client against a (new) configuration snapshot. Stateless. */
final class Recheck {
  private Recheck() {}

  static AuthResult recheck(
      AuthResult.Accepted accepted, @Nullable TlsFacts tls, AuthConfig config, Clock clock) {
    ClientIdentity id = accepted.identity();
    String username = id.username();
    if (id.anonymous() || username == null) {
      return accepted;
    }
    Set<String> granted = new HashSet<>();
    if (id.certificate() != null) {
      if (tls == null || tls.peerChain().isEmpty()) {
        return reject("certificate identity cannot be rechecked without its chain");
      }
      CertificateCheck.Outcome o =
          CertificateCheck.check(
              tls.peerChain(), config.users(), config.settings().revocation(), clock);
      if (!(o instanceof CertificateCheck.Mapped m)) {
        return reject(
            o instanceof CertificateCheck.Invalid i
                ? i.detail()
                : ((CertificateCheck.NoMatch) o).detail());
      }
      if (!username.equals(m.candidate().username())) {
        return reject("certificate now maps to a different username");
      }
      if (!m.candidate().clientIdAllowed(id.clientId())) {
        return reject("client ID no longer allowed for " + m.candidate().decidedBy());
      }
      granted.addAll(m.candidate().roles());
    }
    if (accepted.factors().password()) {
      UserEntry user = config.users().user(username);
      if (user == null) {
        return reject("user " + username + " was removed");
      }
      if (user.disabled()) {
        return reject("user " + username + " is disabled");
      }
      if (!Candidate.of(user).clientIdAllowed(id.clientId())) {
        return reject("client ID no longer allowed for user " + username);
      }
      granted.addAll(user.roles());
    }
    if (!granted.containsAll(id.roles())) {
      Set<String> withdrawn = new HashSet<>(id.roles());
      withdrawn.removeAll(granted);
      return reject("roles withdrawn: " + List.copyOf(withdrawn));
    }
    return accepted;
  }

  private static AuthResult reject(String detail) {
    return new AuthResult.Rejected(RejectReason.NOT_AUTHORIZED, detail);
  }
}

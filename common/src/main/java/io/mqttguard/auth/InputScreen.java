package io.mqttguard.auth;

import static io.mqttguard.audit.AuditText.IDENTIFIER_CHARS;

import io.mqttguard.audit.AuditText;
import org.jspecify.annotations.Nullable;

/** The checks every CONNECT passes before credentials are looked at. Stateless. */
final class InputScreen {
  static final int MAX_CLIENT_ID = 1024;
  static final int MAX_USERNAME = 1024;
  static final int MAX_PASSWORD = 65_535;

  private InputScreen() {}

  /** Input sanity and transport rules, before any credential is looked at. */
  static @Nullable AuthResult screen(ConnectRequest req, ListenerPolicy policy) {
    String idProblem = IdentityText.identityProblem(req.clientId(), MAX_CLIENT_ID);
    if (idProblem != null) {
      return new AuthResult.Rejected(
          RejectReason.CLIENT_IDENTIFIER_NOT_VALID, "client ID " + idProblem);
    }
    String username = req.username();
    String userProblem =
        username == null ? null : IdentityText.identityProblem(username, MAX_USERNAME);
    if (userProblem != null) {
      return new AuthResult.Rejected(
          RejectReason.BAD_USER_NAME_OR_PASSWORD, "username " + userProblem);
    }
    byte[] pw = req.passwordUnsafe();
    if (pw != null && pw.length > MAX_PASSWORD) {
      return new AuthResult.Rejected(
          RejectReason.BAD_USER_NAME_OR_PASSWORD, "password longer than 65535 bytes");
    }
    TlsFacts tls = req.tls();
    if (tls != null && !policy.acceptsTls(tls.protocol())) {
      return new AuthResult.Rejected(
          RejectReason.NOT_AUTHORIZED,
          "TLS protocol "
              + AuditText.sanitize(tls.protocol(), IDENTIFIER_CHARS)
              + " is below "
              + policy.minTlsVersion());
    }
    if (tls == null && pw != null && policy.requireTlsForPassword()) {
      return new AuthResult.Rejected(
          RejectReason.NOT_AUTHORIZED, "password sent without TLS on listener that requires TLS");
    }
    return null;
  }
}

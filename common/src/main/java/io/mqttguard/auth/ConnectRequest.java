package io.mqttguard.auth;

import static io.mqttguard.audit.AuditText.IDENTIFIER_CHARS;
import static java.util.Objects.requireNonNull;

import io.mqttguard.audit.AuditText;
import org.jspecify.annotations.Nullable;

/**
 * One CONNECT attempt as the broker saw it. Values are untrusted client input and may be absurd
 * (huge, malformed); the {@link Authenticator} rejects such input with a reason.
 *
 * <p>The password is copied in and out; {@link #toString()} never shows it (only whether one is
 * present).
 *
 * @param clientId the MQTT client identifier (after the broker assigned one, if it did)
 * @param username the username from CONNECT, if any
 * @param password the password bytes from CONNECT, if any
 * @param listener the broker listener's name, as used in {@code guard.json}
 * @param remoteAddress the peer's IP address in textual form, if known
 * @param tls TLS facts, or {@code null} on a plaintext listener
 * @param mqttVersion 3 (3.1), 4 (3.1.1) or 5
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out; equality is never used
public record ConnectRequest(
    String clientId,
    @Nullable String username,
    byte @Nullable [] password,
    String listener,
    @Nullable String remoteAddress,
    @Nullable TlsFacts tls,
    int mqttVersion) {

  /** Canonical constructor; copies {@code password}. */
  public ConnectRequest(
      String clientId,
      @Nullable String username,
      byte @Nullable [] password,
      String listener,
      @Nullable String remoteAddress,
      @Nullable TlsFacts tls,
      int mqttVersion) {
    this.clientId = requireNonNull(clientId, "clientId");
    this.username = username;
    this.password = password == null ? null : password.clone();
    this.listener = requireNonNull(listener, "listener");
    this.remoteAddress = remoteAddress;
    this.tls = tls;
    this.mqttVersion = mqttVersion;
  }

  /** A copy of the password bytes, or {@code null}. */
  @Override
  public byte @Nullable [] password() {
    return password == null ? null : password.clone();
  }

  /** Whether a password was sent. */
  public boolean hasPassword() {
    return password != null;
  }

  /** Returns the password without copying; package-internal to avoid needless copies. */
  byte @Nullable [] passwordUnsafe() {
    return password;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ConnectRequest other
        && clientId.equals(other.clientId)
        && java.util.Objects.equals(username, other.username)
        && java.security.MessageDigest.isEqual(password, other.password)
        && listener.equals(other.listener)
        && java.util.Objects.equals(remoteAddress, other.remoteAddress)
        && java.util.Objects.equals(tls, other.tls)
        && mqttVersion == other.mqttVersion;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(clientId, username, listener, remoteAddress, mqttVersion);
  }

  @Override
  public String toString() {
    return "ConnectRequest[clientId="
        + AuditText.sanitize(clientId, IDENTIFIER_CHARS)
        + ", username="
        + (username == null ? "null" : AuditText.sanitize(username, IDENTIFIER_CHARS))
        + ", password="
        + (password == null ? "absent" : "present")
        + ", listener="
        + AuditText.sanitize(listener, IDENTIFIER_CHARS)
        + ", remoteAddress="
        + remoteAddress
        + ", tls="
        + (tls == null ? "none" : tls.protocol() + "/" + tls.peerChain().size() + " certs")
        + ", mqttVersion="
        + mqttVersion
        + "]";
  }
}

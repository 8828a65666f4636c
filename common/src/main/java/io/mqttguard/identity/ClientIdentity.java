package io.mqttguard.identity;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who a connected client is, as decided by authentication. Immutable and thread-safe.
 *
 * <p>Contract with the ACL engine: an {@link #anonymous() anonymous} identity is granted the roles
 * listed under {@code anonymous.roles} of {@code acl.json}; any other identity is granted exactly
 * {@link #roles()}. Values are untrusted client input: the ACL engine refuses to substitute values
 * that are empty or contain {@code /}, {@code +}, {@code #} or U+0000.
 *
 * @param clientId the MQTT client identifier
 * @param username the authenticated username, or {@code null} for anonymous clients
 * @param roles role names from the users file or the certificate mapping
 * @param attributes free-form attributes usable as {@code ${attr.NAME}}
 * @param certificate the client certificate's fields, or {@code null} if none was presented
 * @param anonymous whether the client connected without any credential
 */
public record ClientIdentity(
    String clientId,
    @Nullable String username,
    Set<String> roles,
    Map<String, String> attributes,
    @Nullable CertificateFields certificate,
    boolean anonymous) {

  public ClientIdentity {
    requireNonNull(clientId, "clientId");
    roles = Set.copyOf(roles);
    attributes = Map.copyOf(attributes);
  }

  /** An authenticated user with roles and no certificate or attributes. */
  public static ClientIdentity user(String clientId, String username, Set<String> roles) {
    return new ClientIdentity(clientId, username, roles, Map.of(), null, false);
  }

  /** An anonymous client. */
  public static ClientIdentity anonymous(String clientId) {
    return new ClientIdentity(clientId, null, Set.of(), Map.of(), null, true);
  }
}

package io.mqttguard.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One user of {@code users.json}, parsed at load. Immutable. {@link #toString()} never shows the
 * hash.
 *
 * @param name the username
 * @param hash the parsed password hash, or {@code null} for a user without password
 * @param hashEncoding the stored hash string (part of the verification cache key), or {@code ""}
 * @param roles granted roles
 * @param clientIds allowed client IDs (empty = any)
 * @param attributes attributes for ACL substitution
 * @param disabled whether the user is disabled
 */
record UserEntry(
    String name,
    @Nullable PasswordHash hash,
    String hashEncoding,
    Set<String> roles,
    List<ClientIdPattern> clientIds,
    Map<String, String> attributes,
    boolean disabled) {

  UserEntry {
    roles = Set.copyOf(roles);
    clientIds = List.copyOf(clientIds);
    attributes = Map.copyOf(attributes);
  }

  @Override
  public String toString() {
    return "UserEntry[name=" + name + ", hash=" + hash + ", roles=" + roles + "]";
  }
}

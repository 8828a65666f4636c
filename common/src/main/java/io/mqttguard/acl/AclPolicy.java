package io.mqttguard.acl;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.identity.ClientIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * An immutable, validated snapshot of {@code acl.json} (schema {@code acl-1.json}). Thread-safe;
 * hot reload replaces the whole snapshot.
 *
 * <p>Loading validates against the schema first, then checks semantics (topic filters, substitution
 * names and placement, role references, constraint placement) and reports every problem of the
 * file, with JSON pointers, in one {@link ConfigException}.
 */
public interface AclPolicy {

  /** The schema resource name in {@code acl-schemas}. */
  String SCHEMA = "acl-1.json";

  /**
   * Reads and validates {@code file}.
   *
   * @throws ConfigException listing every problem if the file is missing or invalid
   */
  static AclPolicy load(Path file) throws ConfigException {
    return AclLoader.load(file);
  }

  /**
   * Parses {@code json} as the file named {@code fileName} (used in error messages).
   *
   * @throws ConfigException listing every problem if the content is invalid
   */
  static AclPolicy parse(String fileName, byte[] json) throws ConfigException {
    return AclLoader.parse(fileName, json);
  }

  /**
   * A policy without roles: every client is denied everything. For a guard that must fail closed
   * before an {@code acl.json} was loaded; never a fallback for an invalid file.
   */
  static AclPolicy denyAll() {
    return new DefaultAclPolicy(java.util.Map.of(), Set.of(), List.of());
  }

  /** The names of the roles defined in the file. */
  Set<String> roleNames();

  /** The roles granted to anonymous clients ({@code anonymous.roles}; empty if absent). */
  Set<String> anonymousRoles();

  /** Warnings found while loading (e.g. roles without rules); empty if none. */
  List<ConfigProblem> warnings();

  /**
   * Compiles the policy for one client: an anonymous identity gets {@link #anonymousRoles()}, any
   * other exactly its {@link ClientIdentity#roles()} (names not defined here grant nothing and are
   * noted in explanations). Substitutions are resolved once here; a hostile or missing value makes
   * an allow rule inapplicable and widens a deny rule (cut at that level, ending in {@code #}).
   * Never throws.
   */
  ClientPolicy compile(ClientIdentity identity);
}

package io.mqttguard.guard;

import static java.util.Objects.requireNonNull;

import io.mqttguard.auth.AuthConfig;
import io.mqttguard.config.ConfigProblem;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One validated, immutable configuration: every file of the directory parsed into typed records and
 * checked against each other. A {@link Guard} swaps whole snapshots; nothing in a snapshot changes.
 *
 * @param generation 1 for the snapshot loaded at open, +1 for each applied reload
 * @param fingerprint hex SHA-256 over the names and contents of the files it was loaded from
 *     (including referenced CRL files); equal fingerprints mean equal inputs
 * @param loadedAt when it was loaded (from the injected clock)
 * @param files the configuration files that were present (e.g. {@code acl.json}, {@code
 *     users.json}); absent optional files mean their feature is off
 * @param auth the authentication configuration ({@code users.json} and {@code guard.json})
 * @param warnings non-fatal problems of all files (e.g. weak hashes), to show the operator
 */
public record ConfigSnapshot(
    long generation,
    String fingerprint,
    Instant loadedAt,
    Set<String> files,
    AuthConfig auth,
    List<ConfigProblem> warnings) {

  public ConfigSnapshot {
    requireNonNull(fingerprint, "fingerprint");
    requireNonNull(loadedAt, "loadedAt");
    requireNonNull(auth, "auth");
    files = Set.copyOf(files);
    warnings = List.copyOf(warnings);
  }
}

package io.mqttguard.guard;

import static java.util.Objects.requireNonNull;

import io.mqttguard.acl.AclPolicy;
import io.mqttguard.auth.AuthConfig;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.payload.PayloadGuard;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One validated, immutable configuration: every file of the directory parsed into typed records and
 * checked against each other. A {@link Guard} swaps whole snapshots; nothing in a snapshot changes
 * (the payload guard keeps its replay cache, which is its own thread-safe state).
 *
 * @param generation 1 for the snapshot loaded at open, +1 for each applied reload
 * @param fingerprint hex SHA-256 over the names and contents of the files it was loaded from
 *     (including referenced CRL files); equal fingerprints mean equal inputs
 * @param loadedAt when it was loaded (from the injected clock)
 * @param fileHashes name → hex SHA-256 of each configuration file that was present (e.g. {@code
 *     acl.json}); absent optional files mean their feature is off
 * @param acl the compiled {@code acl.json}
 * @param auth the authentication configuration ({@code users.json} and {@code guard.json})
 * @param payload the payload rules ({@code keys.json} + {@code payload.json}), or {@link
 *     PayloadGuard#disabled()} when they are absent
 * @param payloadEnabled whether payload rules are configured
 * @param warnings non-fatal problems of all files (e.g. weak hashes), to show the operator
 */
public record ConfigSnapshot(
    long generation,
    String fingerprint,
    Instant loadedAt,
    Map<String, String> fileHashes,
    AclPolicy acl,
    AuthConfig auth,
    PayloadGuard payload,
    boolean payloadEnabled,
    List<ConfigProblem> warnings) {

  public ConfigSnapshot {
    requireNonNull(fingerprint, "fingerprint");
    requireNonNull(loadedAt, "loadedAt");
    requireNonNull(acl, "acl");
    requireNonNull(auth, "auth");
    requireNonNull(payload, "payload");
    fileHashes = Map.copyOf(fileHashes);
    warnings = List.copyOf(warnings);
  }

  /** The configuration files that were present. */
  public Set<String> files() {
    return fileHashes.keySet();
  }
}

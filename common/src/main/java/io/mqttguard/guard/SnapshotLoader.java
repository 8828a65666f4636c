package io.mqttguard.guard;

import io.mqttguard.acl.AclPolicy;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.auth.AuthConfig;
import io.mqttguard.auth.AuthSettings;
import io.mqttguard.auth.UsersConfig;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.config.JsonConfigReader;
import io.mqttguard.payload.KeyUsage;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadConfig;
import io.mqttguard.payload.PayloadGuard;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns the files of one directory into one validated {@link ConfigSnapshot}: every file is parsed
 * (schema first, then semantics) and cross-checked (roles named in {@code users.json} and {@code
 * guard.json} must exist in {@code acl.json}; {@code payload.json} needs {@code keys.json}). Every
 * problem of every file is reported at once. Used under the guard's reload lock.
 */
final class SnapshotLoader {
  private final Path dir;
  private final Clock clock;
  private final AuditSink audit;
  private final JsonConfigReader reader = new JsonConfigReader();
  private final KeyUsage keyUsage;

  SnapshotLoader(Path dir, Clock clock, AuditSink audit) {
    this(dir, clock, audit, KeyUsage.create(audit, clock));
  }

  /**
   * @param keyUsage the broker's per-key envelope counts: every payload guard counts into it, and
   *     the counts of a configured {@code keyUsageFile} are restored into it at each load
   */
  SnapshotLoader(Path dir, Clock clock, AuditSink audit, KeyUsage keyUsage) {
    this.dir = dir;
    this.clock = clock;
    this.audit = audit;
    this.keyUsage = keyUsage;
  }

  Path dir() {
    return dir;
  }

  /** Reads the directory and loads it as the first snapshot. */
  ConfigSnapshot loadFirst() throws ConfigException {
    return load(ConfigFiles.read(dir), null);
  }

  /**
   * Loads {@code files} into a snapshot.
   *
   * @param previous the snapshot in force (on reload): its files must still exist (a deleted file
   *     is an error, never a silent "feature off"), and its payload guard (with its replay cache)
   *     is kept if {@code keys.json} and {@code payload.json} are unchanged
   * @throws ConfigException with every error (and the warnings) of every file
   */
  ConfigSnapshot load(ConfigFiles files, @Nullable ConfigSnapshot previous) throws ConfigException {
    List<ConfigProblem> problems = new ArrayList<>();
    List<ConfigProblem> warnings = new ArrayList<>();
    if (previous != null) {
      for (String name : previous.files()) {
        if (!files.has(name)) {
          problems.add(
              error(
                  name,
                  name.equals(ConfigFiles.ACL)
                      ? "file was deleted; restore it (MQTT Guard never runs without an ACL)"
                      : "file was deleted; a reload never turns a loaded feature off "
                          + "(restore the file, or restart the broker without it)"));
        }
      }
    }
    AclPolicy acl = acl(files, problems, warnings);
    AuthConfig auth = auth(files, acl == null ? null : acl.roleNames(), problems, warnings);
    PayloadGuard payload = payload(files, previous, problems, warnings);
    if (acl == null || auth == null || payload == null || hasErrors(problems)) {
      problems.addAll(warnings);
      throw new ConfigException(problems);
    }
    String fingerprint =
        ConfigFiles.combine(
            files.mainFingerprint(), ConfigFiles.fingerprintOf(auth.settings().crlFiles()));
    return new ConfigSnapshot(
        previous == null ? 1 : previous.generation() + 1,
        fingerprint,
        clock.instant(),
        files.hashes(),
        acl,
        auth,
        payload,
        files.has(ConfigFiles.PAYLOAD),
        warnings);
  }

  private @Nullable AclPolicy acl(
      ConfigFiles files, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
    byte[] acl = files.get(ConfigFiles.ACL);
    boolean reportedDeleted = problems.stream().anyMatch(p -> p.file().equals(ConfigFiles.ACL));
    if (acl == null && reportedDeleted) {
      return null; // one problem, one line: the deletion says it all
    }
    if (acl == null) {
      problems.add(
          error(
              ConfigFiles.ACL,
              "file not found in "
                  + dir.toAbsolutePath()
                  + ": MQTT Guard never runs without an ACL (there is no allow-all default);"
                  + " create it (docs/acl.md; examples/quickstart/acl.json is a start)"));
      return null;
    }
    try {
      AclPolicy policy = AclPolicy.parse(ConfigFiles.ACL, acl);
      warnings.addAll(policy.warnings());
      return policy;
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private @Nullable AuthConfig auth(
      ConfigFiles files,
      @Nullable Set<String> roles,
      List<ConfigProblem> problems,
      List<ConfigProblem> warnings) {
    byte[] users = files.get(ConfigFiles.USERS);
    byte[] guard = files.get(ConfigFiles.GUARD);
    if (roles == null) {
      schemaOnly(ConfigFiles.USERS, users, UsersConfig.SCHEMA, problems);
      schemaOnly(ConfigFiles.GUARD, guard, AuthSettings.SCHEMA, problems);
      return null;
    }
    UsersConfig u = null;
    AuthSettings s = null;
    try {
      u = users == null ? UsersConfig.empty() : UsersConfig.parse(ConfigFiles.USERS, users, roles);
      warnings.addAll(u.warnings());
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    try {
      s =
          guard == null
              ? AuthSettings.defaults()
              : AuthSettings.parse(ConfigFiles.GUARD, guard, dir, roles, clock);
      warnings.addAll(s.warnings());
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    return u == null || s == null ? null : new AuthConfig(u, s);
  }

  private @Nullable PayloadGuard payload(
      ConfigFiles files,
      @Nullable ConfigSnapshot previous,
      List<ConfigProblem> problems,
      List<ConfigProblem> warnings) {
    byte[] keys = files.get(ConfigFiles.KEYS);
    byte[] rules = files.get(ConfigFiles.PAYLOAD);
    if (rules == null) {
      if (keys != null) {
        validateKeys(keys, problems);
        warnings.add(
            new ConfigProblem(
                ConfigProblem.Severity.WARNING,
                ConfigFiles.KEYS,
                "",
                "keys.json without payload.json: no payload rules, payload protection is off"));
      }
      return PayloadGuard.disabled();
    }
    if (keys == null) {
      problems.add(
          error(ConfigFiles.PAYLOAD, "payload.json needs keys.json in the same directory"));
      return null;
    }
    if (previous != null
        && previous.payloadEnabled()
        && sameFile(files, previous, ConfigFiles.KEYS)
        && sameFile(files, previous, ConfigFiles.PAYLOAD)) {
      return previous.payload();
    }
    try {
      PayloadConfig config =
          PayloadConfig.parse(ConfigFiles.KEYS, keys, ConfigFiles.PAYLOAD, rules);
      warnings.addAll(config.warnings());
      warnings.addAll(restoreKeyUsage(config));
      // A reload keeps the nonce memory (same replay settings): no replay window reopens.
      return previous == null
          ? PayloadGuard.create(config, audit, clock, keyUsage)
          : PayloadGuard.reload(previous.payload(), config, audit, clock, keyUsage);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  /**
   * Reads the configured key usage file (absent: no counts), raises the broker's counts to it and
   * warns for every key past the first wear-out threshold.
   *
   * @throws ConfigException if the file is unreadable or invalid (the keys are then destroyed)
   */
  private List<ConfigProblem> restoreKeyUsage(PayloadConfig config) throws ConfigException {
    String file = config.keyUsageFile();
    if (file == null) {
      return List.of();
    }
    try {
      Map<Long, Long> counts = KeyUsage.read(dir.resolve(file));
      keyUsage.restore(counts);
      return KeyUsage.warnings(file, counts, config.keys());
    } catch (ConfigException | RuntimeException e) {
      config.keys().destroy();
      throw e;
    }
  }

  private static boolean sameFile(ConfigFiles files, ConfigSnapshot previous, String name) {
    return Objects.equals(files.hashes().get(name), previous.fileHashes().get(name));
  }

  private static void validateKeys(byte[] keys, List<ConfigProblem> problems) {
    try {
      Keyset.parse(ConfigFiles.KEYS, keys).destroy();
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
  }

  private void schemaOnly(
      String name, byte @Nullable [] content, String schema, List<ConfigProblem> problems) {
    if (content == null) {
      return;
    }
    try {
      var unused = reader.parse(name, content, schema);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
  }

  private static boolean hasErrors(List<ConfigProblem> problems) {
    return problems.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
  }

  private static ConfigProblem error(String file, String message) {
    return new ConfigProblem(ConfigProblem.Severity.ERROR, file, "", message);
  }
}

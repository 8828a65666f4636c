package io.mqttguard.guard;

import io.mqttguard.auth.AuthConfig;
import io.mqttguard.auth.AuthSettings;
import io.mqttguard.auth.UsersConfig;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.config.JsonConfigReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns the files of one directory into one validated {@link ConfigSnapshot}: every file is parsed
 * (schema first, then semantics) and cross-checked (roles named in {@code users.json} and {@code
 * guard.json} must exist in {@code acl.json}). Every problem of every file is reported at once.
 * Stateless apart from the reader's compiled schemas; one instance per guard, used under the
 * guard's reload lock.
 */
final class SnapshotLoader {
  private final Path dir;
  private final Clock clock;
  private final JsonConfigReader reader = new JsonConfigReader();

  SnapshotLoader(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  Path dir() {
    return dir;
  }

  /** Reads the directory and loads it; see {@link #load(ConfigFiles, long, Set)}. */
  ConfigSnapshot load(long generation, Set<String> mustExist) throws ConfigException {
    return load(ConfigFiles.read(dir), generation, mustExist);
  }

  /**
   * Loads {@code files} into a snapshot.
   *
   * @param mustExist files of the previous snapshot: on reload, a deleted file is an error (an
   *     editor's delete-and-rename or an accident), never a silent "feature off"
   * @throws ConfigException with every error (and the warnings) of every file
   */
  ConfigSnapshot load(ConfigFiles files, long generation, Set<String> mustExist)
      throws ConfigException {
    List<ConfigProblem> problems = new ArrayList<>();
    for (String name : mustExist) {
      if (!files.has(name)) {
        problems.add(
            error(
                name,
                "file was deleted; a reload never turns a loaded feature off "
                    + "(restore the file, or restart the broker without it)"));
      }
    }
    Set<String> roles = aclRoles(files, problems);
    AuthConfig auth = auth(files, roles, problems);
    List<ConfigProblem> warnings = new ArrayList<>();
    if (auth != null) {
      warnings.addAll(auth.users().warnings());
      warnings.addAll(auth.settings().warnings());
    }
    if (problems.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR)) {
      problems.addAll(warnings);
      throw new ConfigException(problems);
    }
    if (auth == null) {
      throw new IllegalStateException("no errors but no auth configuration");
    }
    String fingerprint =
        ConfigFiles.combine(
            files.mainFingerprint(), ConfigFiles.fingerprintOf(auth.settings().crlFiles()));
    return new ConfigSnapshot(
        generation, fingerprint, clock.instant(), Set.copyOf(files.present()), auth, warnings);
  }

  private @Nullable Set<String> aclRoles(ConfigFiles files, List<ConfigProblem> problems) {
    byte[] acl = files.get(ConfigFiles.ACL);
    if (acl == null) {
      problems.add(
          error(
              ConfigFiles.ACL,
              "file not found in "
                  + dir.toAbsolutePath()
                  + ": MQTT Guard never runs without an ACL (there is no allow-all default)"));
      return null;
    }
    try {
      var root = reader.parse(ConfigFiles.ACL, acl, "acl-1.json");
      var names = new java.util.HashSet<String>();
      root.path("roles").fieldNames().forEachRemaining(names::add);
      return Set.copyOf(names);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private @Nullable AuthConfig auth(
      ConfigFiles files, @Nullable Set<String> roles, List<ConfigProblem> problems) {
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
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    try {
      s =
          guard == null
              ? AuthSettings.defaults()
              : AuthSettings.parse(ConfigFiles.GUARD, guard, dir, roles, clock);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    return u == null || s == null ? null : new AuthConfig(u, s);
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

  private static ConfigProblem error(String file, String message) {
    return new ConfigProblem(ConfigProblem.Severity.ERROR, file, "", message);
  }
}

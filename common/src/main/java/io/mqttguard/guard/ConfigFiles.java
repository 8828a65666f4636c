package io.mqttguard.guard;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.config.JsonConfigReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The raw bytes of one configuration directory, read once, with a content fingerprint. Immutable
 * after {@link #read}; the byte arrays are never handed out to untrusted code.
 */
final class ConfigFiles {
  static final String ACL = "acl.json";
  static final String USERS = "users.json";
  static final String GUARD = "guard.json";
  static final String KEYS = "keys.json";
  static final String PAYLOAD = "payload.json";
  static final List<String> NAMES = List.of(ACL, USERS, GUARD, KEYS, PAYLOAD);

  private final Path dir;
  private final Map<String, byte[]> contents;
  private final String mainFingerprint;

  private ConfigFiles(Path dir, Map<String, byte[]> contents, String mainFingerprint) {
    this.dir = dir;
    this.contents = Collections.unmodifiableMap(contents);
    this.mainFingerprint = mainFingerprint;
  }

  /**
   * Reads every known file of {@code dir}; a missing file is simply absent.
   *
   * @throws ConfigException if the directory or a present file cannot be read, or a file is too big
   */
  static ConfigFiles read(Path dir) throws ConfigException {
    if (!Files.isDirectory(dir)) {
      throw ConfigException.of(
          dir.toString(), "", "configuration directory not found: " + dir.toAbsolutePath());
    }
    Map<String, byte[]> contents = new LinkedHashMap<>();
    List<ConfigProblem> problems = new ArrayList<>();
    MessageDigest digest = sha256();
    for (String name : NAMES) {
      byte[] bytes = readOptional(dir.resolve(name), name, problems);
      if (bytes != null) {
        contents.put(name, bytes);
      }
      update(digest, name, bytes);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ConfigFiles(dir, contents, HexFormat.of().formatHex(digest.digest()));
  }

  /** Hex SHA-256 over the names and contents of {@code files} (missing/unreadable are marked). */
  static String fingerprintOf(List<Path> files) {
    MessageDigest digest = sha256();
    for (Path f : files) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(f);
      } catch (IOException e) {
        bytes = ("\0unreadable:" + e.getClass().getSimpleName()).getBytes(StandardCharsets.UTF_8);
      }
      update(digest, f.toString(), bytes);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Hex SHA-256 of the concatenation of {@code parts} (e.g. main and CRL fingerprints). */
  static String combine(String... parts) {
    MessageDigest digest = sha256();
    for (String part : parts) {
      update(digest, part, null);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  Path dir() {
    return dir;
  }

  boolean has(String name) {
    return contents.containsKey(name);
  }

  /** The content of {@code name}, or {@code null} if the file is absent. Do not modify. */
  byte @Nullable [] get(String name) {
    return contents.get(name);
  }

  List<String> present() {
    return List.copyOf(contents.keySet());
  }

  /** Name → hex SHA-256 of the content, for every present file. */
  Map<String, String> hashes() {
    Map<String, String> out = new LinkedHashMap<>();
    contents.forEach(
        (name, bytes) -> out.put(name, HexFormat.of().formatHex(sha256().digest(bytes))));
    return out;
  }

  /** Fingerprint of the five main files only (referenced CRLs are hashed separately). */
  String mainFingerprint() {
    return mainFingerprint;
  }

  private static byte @Nullable [] readOptional(
      Path file, String name, List<ConfigProblem> problems) {
    try {
      long size = Files.size(file);
      if (size > JsonConfigReader.MAX_FILE_BYTES) {
        problems.add(
            error(
                name,
                "file must be at most "
                    + JsonConfigReader.MAX_FILE_BYTES
                    + " bytes, but was "
                    + size));
        return null;
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (AccessDeniedException e) {
      problems.add(error(name, "cannot read " + file.toAbsolutePath() + ": permission denied"));
      return null;
    } catch (IOException e) {
      problems.add(
          error(
              name, "cannot read " + file.toAbsolutePath() + ": " + e.getClass().getSimpleName()));
      return null;
    }
  }

  private static ConfigProblem error(String name, String message) {
    return new ConfigProblem(ConfigProblem.Severity.ERROR, name, "", message);
  }

  private static void update(MessageDigest digest, String name, byte @Nullable [] bytes) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    digest.update(intBytes(n.length));
    digest.update(n);
    if (bytes == null) {
      digest.update(intBytes(-1));
    } else {
      digest.update(intBytes(bytes.length));
      digest.update(bytes);
    }
  }

  private static byte[] intBytes(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}

package io.mqttguard.it.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a root filesystem as a tar for {@code ADD rootfs.tar /}: explicit owners and modes (Docker
 * keeps them, unlike {@code COPY}), symbolic links, a fixed modification time so equal inputs give
 * an equal tar. Parent directories are created on demand (root, 0755). Not thread-safe.
 */
final class RootFsTar implements AutoCloseable {
  /** 2025-01-01T00:00:00Z. */
  private static final long MTIME_MILLIS = 1_735_689_600_000L;

  private final TarArchiveOutputStream tar;
  private final Set<String> dirs = new HashSet<>();

  RootFsTar(Path file) throws IOException {
    tar = new TarArchiveOutputStream(Files.newOutputStream(file));
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  /** A directory {@code path} (absolute, no trailing slash). */
  void dir(String path, int mode, int uid) throws IOException {
    if (!dirs.add(path)) {
      return;
    }
    parents(path);
    TarArchiveEntry e = entry(path.substring(1) + "/", TarArchiveEntry.LF_DIR, mode, uid);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  /** A regular file with the content of {@code source} (symbolic links followed). */
  void file(String path, Path source, int mode, int uid) throws IOException {
    parents(path);
    TarArchiveEntry e = entry(path.substring(1), TarArchiveEntry.LF_NORMAL, mode, uid);
    e.setSize(Files.size(source));
    tar.putArchiveEntry(e);
    try (InputStream in = Files.newInputStream(source)) {
      in.transferTo(tar);
    }
    tar.closeArchiveEntry();
  }

  /** A regular file with {@code content}. */
  void file(String path, byte[] content, int mode, int uid) throws IOException {
    parents(path);
    TarArchiveEntry e = entry(path.substring(1), TarArchiveEntry.LF_NORMAL, mode, uid);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  /** A symbolic link {@code path} → {@code target}. */
  void symlink(String path, String target) throws IOException {
    parents(path);
    TarArchiveEntry e = entry(path.substring(1), TarArchiveEntry.LF_SYMLINK, 0777, 0);
    e.setLinkName(target);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  /**
   * The tree below {@code source} at {@code path}, sorted: directories {@code dirMode}, files
   * executable on the host get {@code execMode}, other files {@code fileMode}.
   */
  void tree(String path, Path source, int uid, int dirMode, int fileMode, int execMode)
      throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.walk(source)) {
      all = s.sorted().collect(Collectors.toList());
    }
    for (Path p : all) {
      String rel = source.relativize(p).toString();
      String target = rel.isEmpty() ? path : path + "/" + rel;
      if (Files.isDirectory(p)) {
        dir(target, dirMode, uid);
      } else {
        boolean exec =
            Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)
                .contains(PosixFilePermission.OWNER_EXECUTE);
        file(target, p, exec ? execMode : fileMode, uid);
      }
    }
  }

  private void parents(String path) throws IOException {
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      dir(path.substring(0, slash), 0755, 0);
    }
  }

  private static TarArchiveEntry entry(String name, byte type, int mode, int uid) {
    TarArchiveEntry e = new TarArchiveEntry(name, type);
    e.setMode(mode);
    e.setUserId(uid);
    e.setGroupId(0);
    e.setModTime(MTIME_MILLIS);
    return e;
  }

  @Override
  public void close() throws IOException {
    tar.finish();
    tar.close();
  }
}

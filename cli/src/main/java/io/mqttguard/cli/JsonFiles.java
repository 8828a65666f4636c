package io.mqttguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** JSON output and crash-safe file writing shared by the commands. Stateless; thread-safe. */
final class JsonFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectWriter WRITER =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withSeparators(
                  com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(
                          com.fasterxml.jackson.core.util.Separators.Spacing.AFTER))
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private JsonFiles() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Pretty-printed UTF-8 JSON with a trailing newline. */
  static byte[] render(JsonNode node) {
    try {
      return (WRITER.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /**
   * Replaces {@code target} atomically: writes a temporary file in the same directory (with the
   * target's POSIX permissions, or owner-only for a new file), forces it to disk and renames it
   * over the target. A crash leaves either the old or the new file, never a partial one.
   */
  static void writeAtomically(Path target, byte[] content) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new CliException("directory does not exist: " + dir);
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
      copyPermissions(abs, tmp);
      try (var ch =
          java.nio.channels.FileChannel.open(
              tmp, java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SYNC)) {
        var buffer = java.nio.ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          var unused = ch.write(buffer);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new CliException("cannot replace " + abs + " atomically on this file system", e);
      }
      tmp = null;
    } catch (IOException e) {
      throw new CliException("cannot write " + abs + ": " + describe(e), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file is hidden and named after the target
        }
      }
    }
  }

  /** Writes a new file; refuses to replace an existing one unless {@code overwrite}. */
  static void writeNew(Path target, byte[] content, boolean overwrite) {
    if (!overwrite && Files.exists(target)) {
      throw new CliException(target + " already exists (use --force to replace it)");
    }
    writeAtomically(target, content);
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> perms;
    if (Files.exists(from)) {
      perms = Files.getPosixFilePermissions(from);
    } else {
      perms = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
    view.setPermissions(perms);
  }

  /** Reads a whole input file, mapping I/O failures to one clear message. */
  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CliException("file not found: " + file);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + describe(e), e);
    }
  }

  static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}

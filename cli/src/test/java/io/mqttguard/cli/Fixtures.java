package io.mqttguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies test resources to a directory so commands read them as real files. */
final class Fixtures {
  private Fixtures() {}

  static Path copy(String resource, Path dir) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
      Files.copy(in, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

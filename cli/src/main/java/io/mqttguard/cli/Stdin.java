package io.mqttguard.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Reads standard input with the MQTT payload limit. */
final class Stdin {
  /** The MQTT maximum payload size. */
  static final int MAX = 268_435_455;

  private Stdin() {}

  static byte[] readAll(Io io) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n = io.in().read(buf); n != -1; n = io.in().read(buf)) {
        if (out.size() + n > MAX) {
          throw new CliException(
              "stdin is larger than the MQTT maximum payload (" + MAX + " bytes)");
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new CliException("cannot read stdin: " + JsonFiles.describe(e), e);
    }
    return out.toByteArray();
  }
}

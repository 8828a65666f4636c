package io.mqttguard.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;

/** Runs the CLI in-process as a user would, with captured stdin, stdout and stderr. */
final class Cli {
  private Cli() {}

  /** What one run printed and returned. */
  @SuppressWarnings("ArrayRecordComponent") // test data, never compared
  record Result(int code, String out, String err, byte[] stdout) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Result run(String... args) {
    return runWithInput(new byte[0], args);
  }

  static Result runWithInput(String stdin, String... args) {
    return runWithInput(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  static Result runWithInput(byte[] stdin, String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
    Io io =
        new Io(
            new ByteArrayInputStream(stdin),
            stdout,
            out,
            err,
            null,
            Clock.systemUTC(),
            new SecureRandom());
    int code = MqttGuard.run(io, args);
    out.flush();
    err.flush();
    return new Result(
        code,
        stdout.toString(StandardCharsets.UTF_8),
        stderr.toString(StandardCharsets.UTF_8),
        stdout.toByteArray());
  }
}

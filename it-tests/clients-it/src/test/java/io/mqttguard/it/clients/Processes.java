package io.mqttguard.it.clients;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command as a process with stdin bytes and a timeout. Stateless. */
final class Processes {
  private Processes() {}

  /** What a finished process wrote; {@code stderr} is the merged output if it was merged. */
  @SuppressWarnings("ArrayRecordComponent") // a result to read, never compared or hashed
  record Result(List<String> command, int exitCode, byte[] stdout, String stderr) {
    /** The command, its exit code and its stderr, for assertion messages. */
    String describe() {
      return String.join(" ", command) + "\nexit " + exitCode + "\n--- output ---\n" + stderr;
    }
  }

  /** Runs {@code command}, feeding {@code stdin}; kills it after {@code timeout}. */
  static Result run(List<String> command, byte[] stdin, Duration timeout)
      throws IOException, InterruptedException {
    return run(command, stdin, timeout, false);
  }

  /**
   * Runs {@code command}; with {@code mergeOutput}, stdout and stderr go into one stream, returned
   * as {@link Result#stderr()} (for test runners whose whole output matters).
   */
  static Result run(List<String> command, byte[] stdin, Duration timeout, boolean mergeOutput)
      throws IOException, InterruptedException {
    return run(command, stdin, timeout, mergeOutput, Map.of());
  }

  /** {@link #run(List, byte[], Duration, boolean)} with {@code env} added to the environment. */
  static Result run(
      List<String> command,
      byte[] stdin,
      Duration timeout,
      boolean mergeOutput,
      Map<String, String> env)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("clients-it", ".out");
    Path err = Files.createTempFile("clients-it", ".err");
    try {
      ProcessBuilder b = new ProcessBuilder(command).redirectOutput(out.toFile());
      // short-lived CLI JVMs (./mqtt-guard seal/open): start fast rather than peak speed
      b.environment()
          .putIfAbsent("MQTT_GUARD_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
      b.environment().putAll(env);
      if (mergeOutput) {
        b.redirectErrorStream(true);
      } else {
        b.redirectError(err.toFile());
      }
      Process p = b.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin);
      } catch (IOException e) {
        // the process exited without reading all of stdin; its exit code tells why
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        var unused = p.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command));
      }
      byte[] stdout = Files.readAllBytes(out);
      String text = Files.readString(mergeOutput ? out : err, StandardCharsets.UTF_8);
      return new Result(command, p.exitValue(), mergeOutput ? new byte[0] : stdout, text);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}

package io.mqttguard.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The environment of one CLI run: streams, terminal, time and randomness. Tests pass their own
 * streams; {@link #system()} is the real process environment.
 *
 * @param in standard input (passwords without a terminal, plaintext for {@code seal})
 * @param stdout binary standard output (envelopes from {@code seal})
 * @param out text output for results
 * @param err text output for errors and warnings
 * @param console the interactive terminal, or {@code null} when stdin is not a terminal
 * @param clock time source
 * @param random randomness for salts, keys and nonces
 */
public record Io(
    InputStream in,
    OutputStream stdout,
    PrintWriter out,
    PrintWriter err,
    @Nullable Console console,
    Clock clock,
    SecureRandom random) {

  /** The process's own streams and terminal. */
  public static Io system() {
    return new Io(
        System.in,
        System.out,
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        System.console(),
        Clock.systemUTC(),
        new SecureRandom());
  }
}

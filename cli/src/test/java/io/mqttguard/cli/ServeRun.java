package io.mqttguard.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code mqtt-guard serve} running in-process on a thread, as a user starts it, with captured
 * output; {@link #close()} stops it as Ctrl-C does and waits for the exit code.
 */
final class ServeRun implements AutoCloseable {
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final AtomicInteger exit = new AtomicInteger(-1);
  private final Thread thread;
  final int port;
  final int tlsPort;

  private ServeRun(Path config, String broker, String... extra) throws IOException {
    this.port = freePort();
    this.tlsPort = freePort();
    Io io =
        new Io(
            new ByteArrayInputStream(new byte[0]),
            stdout,
            new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true),
            new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true),
            null,
            Clock.systemUTC(),
            new SecureRandom());
    List<String> args =
        new ArrayList<>(
            List.of(
                "serve",
                "--config",
                config.toString(),
                "--broker",
                broker,
                "--port",
                String.valueOf(port),
                "--tls-port",
                String.valueOf(tlsPort)));
    args.addAll(List.of(extra));
    String[] all = args.toArray(new String[0]);
    thread = new Thread(() -> exit.set(MqttGuard.run(io, all)), "serve-under-test");
  }

  /**
   * Starts serve (with {@code extra} options) and waits until its banner is printed (fails with the
   * output otherwise).
   */
  static ServeRun start(Path config, String broker, String... extra) throws Exception {
    ServeRun run = new ServeRun(config, broker, extra);
    run.thread.start();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (!run.out().contains("Ctrl-C stops the broker.")) {
      if (!run.thread.isAlive() || Instant.now().isAfter(deadline)) {
        run.close();
        throw new AssertionError("serve did not start: exit " + run.exit.get() + "\n" + run);
      }
      Thread.sleep(100);
    }
    return run;
  }

  String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  /** The banner lines after {@code heading} up to the next blank line, without indentation. */
  List<String> section(String heading) {
    List<String> lines = new ArrayList<>();
    boolean in = false;
    for (String l : out().split("\n", -1)) {
      if (l.equals(heading)) {
        in = true;
      } else if (in && l.isBlank()) {
        break;
      } else if (in) {
        lines.add(l.strip());
      }
    }
    return lines;
  }

  /** Stops serve as Ctrl-C does; returns its exit code. */
  int stop() throws InterruptedException {
    thread.interrupt();
    thread.join(60_000);
    return exit.get();
  }

  @Override
  public void close() {
    try {
      var unused = stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "--- stdout\n" + out() + "--- stderr\n" + err();
  }

  /** A copy of {@code examples/quickstart} (its files, not the generated tls/) in {@code dir}. */
  static Path copyQuickstart(Path dir) throws IOException {
    Path config = Files.createDirectories(dir.resolve("quickstart"));
    try (Stream<Path> files = Files.list(QuickstartExampleTest.QUICKSTART)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, config.resolve(f.getFileName().toString()));
        }
      }
    }
    return config;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

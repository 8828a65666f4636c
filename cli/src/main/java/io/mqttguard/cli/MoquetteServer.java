package io.mqttguard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Moquette 0.17 guarded by MQTT Guard, run in a <b>child JVM</b> from the runner jar bundled in
 * this jar ({@code cli/moquette-runner}). Moquette and HiveMQ CE carry different Netty versions, so
 * they never share a classpath: the CLI's own classpath has HiveMQ CE, the child's has Moquette.
 *
 * <p>The child prints {@code ready tcp=N tls=M} once its listeners are verified, or {@code error:
 * ...} and exits 2. Closing its stdin stops it cleanly; if this JVM dies the pipe closes and the
 * child stops too. Not thread-safe: one thread starts and closes it.
 */
final class MoquetteServer implements ServedBroker {
  static final String JAR_RESOURCE = "/io/mqttguard/cli/moquette/mqtt-guard-moquette.jar";
  private static final long START_SECONDS = 120;
  private static final String PASSWORD_ENV = "MQTT_GUARD_SERVE_STORE_PASSWORD";

  /** Whether this build bundles the Moquette runner jar. */
  static boolean bundled() {
    return MoquetteServer.class.getResource(JAR_RESOURCE) != null;
  }

  private final Path work;
  private final Process child;
  private final List<Thread> pumps = new ArrayList<>();

  private MoquetteServer(Path work, Process child) {
    this.work = work;
    this.child = child;
  }

  @Override
  public String name() {
    return "Moquette 0.17";
  }

  @Override
  public boolean mqtt5() {
    return false;
  }

  /**
   * Starts the child and waits until it is ready.
   *
   * @param metricsSeconds period of the child's {@code metrics:} console line, 0 for none
   */
  static MoquetteServer start(
      Path configDir,
      String bind,
      int port,
      int tlsPort,
      ServePki.ServerTls tls,
      boolean audit,
      int metricsSeconds,
      Io io)
      throws IOException {
    Path work = Files.createTempDirectory("mqtt-guard-serve-moquette-");
    try {
      Path jar = work.resolve("mqtt-guard-moquette.jar");
      try (InputStream in = MoquetteServer.class.getResourceAsStream(JAR_RESOURCE)) {
        if (in == null) {
          throw new CliException(
              "this build has no Moquette runner; rebuild with"
                  + " './mvnw -B -DskipTests package -pl cli -am'");
        }
        Files.copy(in, jar);
      }
      Path truststore = tls.truststore();
      List<String> command =
          new ArrayList<>(
              List.of(
                  javaBinary(),
                  "-jar",
                  jar.toString(),
                  "--config",
                  configDir.toString(),
                  "--bind",
                  bind,
                  "--port",
                  String.valueOf(port),
                  "--tls-port",
                  String.valueOf(tlsPort),
                  "--keystore",
                  tls.keystore().toString(),
                  "--truststore",
                  truststore == null ? "-" : truststore.toString(),
                  "--store-password-env",
                  PASSWORD_ENV,
                  "--audit",
                  audit ? "console" : "off"));
      if (metricsSeconds > 0) {
        command.addAll(List.of("--metrics", String.valueOf(metricsSeconds)));
      }
      ProcessBuilder pb = new ProcessBuilder(command);
      // the key stores' password goes by environment, never on a command line others can list
      pb.environment().put(PASSWORD_ENV, tls.password());
      Process child = pb.start();
      MoquetteServer server = new MoquetteServer(work, child);
      server.awaitReady(io);
      return server;
    } catch (IOException | RuntimeException e) {
      HiveMqServer.deleteTree(work);
      throw e;
    }
  }

  /** Forwards the child's output and waits for its ready line; stops it on failure. */
  private void awaitReady(Io io) {
    List<String> errors = new ArrayList<>();
    pumps.add(pump(child.getErrorStream(), io.err(), errors, null));
    BlockingQueue<String> ready = new ArrayBlockingQueue<>(1);
    pumps.add(pump(child.getInputStream(), io.out(), new ArrayList<>(), ready));
    String line;
    try {
      line = ready.poll(START_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      line = null;
    }
    if (line == null || !line.startsWith("ready ")) {
      close();
      String why;
      synchronized (errors) {
        why = errors.isEmpty() ? "no output" : String.join("; ", errors);
      }
      throw new CliException("Moquette did not start: " + why);
    }
  }

  /**
   * Copies the child's lines to {@code to}; {@code error: } lines are kept in {@code errors} (and
   * printed by the caller once), the {@code ready} line goes to {@code ready}; end of stream puts
   * an empty line there so a dead child is noticed at once.
   */
  private static Thread pump(
      InputStream from,
      PrintWriter to,
      List<String> errors,
      @Nullable BlockingQueue<String> ready) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                  if (ready != null && l.startsWith("ready ")) {
                    var unused = ready.offer(l);
                  } else if (l.startsWith(AuditConsole.CHILD_PREFIX)) {
                    String shown =
                        AuditConsole.line(l.substring(AuditConsole.CHILD_PREFIX.length()));
                    if (shown != null) {
                      to.println(shown);
                      to.flush();
                    }
                  } else if (l.startsWith("error: ")) {
                    synchronized (errors) {
                      errors.add(l.substring("error: ".length()));
                    }
                  } else {
                    to.println(l);
                    to.flush();
                  }
                }
              } catch (IOException e) {
                // the child is gone
              }
              if (ready != null) {
                var unused = ready.offer("");
              }
            },
            "mqtt-guard-moquette-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Closes the child's stdin (it stops cleanly), then waits; forces it after 30 s. Returns once the
   * child's last output lines (e.g. {@code metrics at stop}) were forwarded.
   */
  @Override
  public void close() {
    try {
      child.getOutputStream().close();
    } catch (IOException e) {
      // already closed: the child sees end of file anyway
    }
    try {
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroy();
        if (!child.waitFor(10, TimeUnit.SECONDS)) {
          var unused = child.destroyForcibly();
        }
      }
      for (Thread pump : pumps) {
        pump.join(5_000);
      }
    } catch (InterruptedException e) {
      var unused = child.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      HiveMqServer.deleteTree(work);
    }
  }
}

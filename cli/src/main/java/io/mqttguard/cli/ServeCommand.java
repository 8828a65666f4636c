package io.mqttguard.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mqtt-guard serve}: a real broker secured by MQTT Guard, for trying it out. HiveMQ CE runs
 * embedded with the built extension zip unpacked into its extensions folder (the production install
 * path); the configuration comes from {@code examples/quickstart} unless {@code --config}.
 */
@Command(
    name = "serve",
    description = {
      "Start a broker secured by MQTT Guard (HiveMQ CE with the extension zip, or Moquette).",
      "Uses the server certificate in CONFIG/tls/ (PEM server.pem + server.key, or PKCS#12"
          + " server.p12; client certificate CAs in ca.pem or truststore.p12) and never changes"
          + " it; into an empty or absent tls/ it generates a demo PKI. Prints the listeners,"
          + " users and mosquitto_pub/mosquitto_sub commands derived from the policy, then one"
          + " line per decision (--quiet: none). Ctrl-C stops it."
    })
final class ServeCommand implements Callable<Integer> {
  private final Io io;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "DIR",
      description = "Configuration directory (default: examples/quickstart of this checkout).")
  @Nullable Path config;

  @Option(names = "--broker", paramLabel = "BROKER", description = "hivemq (default) or moquette.")
  String broker = "hivemq";

  @Option(names = "--port", paramLabel = "N", description = "Plain MQTT port (default 1883).")
  int port = 1883;

  @Option(
      names = "--tls-port",
      paramLabel = "N",
      description = "MQTT over TLS port (default 8883).")
  int tlsPort = 8883;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default 127.0.0.1: the demo is local only).")
  String bind = "127.0.0.1";

  @Option(
      names = "--metrics",
      paramLabel = "SECONDS",
      arity = "0..1",
      fallbackValue = "60",
      description =
          "Moquette only: print MQTT Guard's metrics (the Dropwizard gauges of the broker's"
              + " registry) every SECONDS (default 60) and when the broker stops.")
  int metricsSeconds;

  @Option(
      names = "--tls-password-file",
      paramLabel = "FILE",
      description =
          "Password of CONFIG/tls/server.p12 (and truststore.p12): the first line of FILE.")
  @Nullable Path tlsPasswordFile;

  @Option(
      names = "--tls-password-env",
      paramLabel = "VAR",
      description = "Password of CONFIG/tls/server.p12 (and truststore.p12): environment variable.")
  @Nullable String tlsPasswordEnv;

  @Option(
      names = {"-q", "--quiet"},
      description = "Do not print a line per decision (refused CONNECT, denied PUBLISH, ...).")
  boolean quiet;

  /** Counted down to stop the broker (tests; the shutdown hook uses it for Ctrl-C). */
  final CountDownLatch stop = new CountDownLatch(1);

  ServeCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws Exception {
    Path dir = configDir();
    if (!broker.equals("hivemq") && !broker.equals("moquette")) {
      throw new CliException("--broker must be hivemq or moquette, but was '" + broker + "'");
    }
    checkPort("--port", port);
    checkPort("--tls-port", tlsPort);
    if (port == tlsPort) {
      throw new CliException("--port and --tls-port must differ");
    }
    checkMetrics();
    var unusedWarnings = CheckSupport.validate(dir, io);
    char @Nullable [] p12Password =
        tlsPasswordFile == null && tlsPasswordEnv == null
            ? null
            : ServePki.password(tlsPasswordFile, tlsPasswordEnv);
    checkFree("--port", port);
    checkFree("--tls-port", tlsPort);
    Path work = Files.createTempDirectory("mqtt-guard-serve-tls-");
    try {
      ServePki.ServerTls tls = ServePki.prepare(dir, p12Password, work, io);
      return serve(dir, tls);
    } finally {
      HiveMqServer.deleteTree(work);
    }
  }

  private int serve(Path dir, ServePki.ServerTls tls) throws java.io.IOException {
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> stopAndWait(done), "mqtt-guard-serve-stop");
    boolean interrupted = false;
    try {
      AuditConsole.Handle console = quiet ? () -> {} : AuditConsole.attach(io.out());
      try (console;
          ServedBroker server = start(dir, tls)) {
        ServeBanner.print(io.out(), ServeBanner.Facts.of(dir, server, port, tlsPort, tls, io));
        io.out().flush();
        Runtime.getRuntime().addShutdownHook(hook);
        try {
          stop.await();
        } catch (InterruptedException e) {
          interrupted = true; // restored after the broker is closed: closing waits for it
        }
        io.out().println("stopping " + server.name() + "...");
        io.out().flush();
      }
      io.out().println("stopped");
      io.out().flush();
    } finally {
      removeHook(hook);
      done.countDown();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return ExitCodes.OK;
  }

  /**
   * HiveMQ CE runs in this JVM; Moquette in a child JVM of its own (its Netty must never share a
   * classpath with HiveMQ's).
   */
  private ServedBroker start(Path dir, ServePki.ServerTls tls) throws java.io.IOException {
    return broker.equals("moquette")
        ? MoquetteServer.start(dir, bind, port, tlsPort, tls, !quiet, metricsSeconds, io)
        : HiveMqServer.start(dir, bind, port, tlsPort, tls);
  }

  private Path configDir() {
    Path dir = config;
    if (dir == null) {
      dir = Launcher.home().resolve("examples").resolve("quickstart");
      if (!Files.isDirectory(dir)) {
        throw new CliException(
            "no --config given and the default " + dir + " does not exist; give --config DIR");
      }
    }
    if (!Files.isDirectory(dir)) {
      throw new CliException("configuration directory not found: " + dir);
    }
    return dir.toAbsolutePath().normalize();
  }

  private void checkMetrics() {
    if (metricsSeconds < 0 || metricsSeconds > 86_400) {
      throw new CliException("--metrics must be in 1..86400 seconds, but was " + metricsSeconds);
    }
    if (metricsSeconds > 0 && !broker.equals("moquette")) {
      throw new CliException(
          "--metrics needs --broker moquette; HiveMQ keeps the same metrics in its own metric"
              + " registry (docs/hivemq.md)");
    }
  }

  private static void checkPort(String flag, int value) {
    if (value < 1 || value > 65535) {
      throw new CliException(flag + " must be in 1..65535, but was " + value);
    }
  }

  /** Ctrl-C: stop the broker and let the JVM exit only once it is closed (at most 45 s). */
  private void stopAndWait(CountDownLatch done) {
    stop.countDown();
    try {
      var unused = done.await(45, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** HiveMQ only logs a listener that cannot bind; refuse to start instead. */
  private void checkFree(String flag, int value) {
    try (java.net.ServerSocket s = new java.net.ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new java.net.InetSocketAddress(bind, value));
    } catch (java.io.IOException e) {
      throw new CliException(
          "cannot listen on "
              + bind
              + ":"
              + value
              + " (in use by another broker?); choose another "
              + flag);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      var unused = Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down (Ctrl-C): the hook is running
    }
  }
}

package io.mqttguard.cli.moquette;

import static io.mqttguard.config.ConfigProblem.Severity.ERROR;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.moquette.broker.Server;
import io.mqttguard.config.ConfigException;
import io.mqttguard.moquette.GuardedMoquette;
import io.mqttguard.moquette.MqttGuardMoquette;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the Moquette child process that {@code mqtt-guard serve --broker moquette} starts
 * (the CLI parent validates the flags and prints the banner). Arguments: {@code --config DIR --bind
 * ADDRESS --port N --tls-port N --keystore P12 --truststore P12|- --store-password-env VAR --audit
 * console|off}, optionally {@code --metrics SECONDS}: print the guard's metrics (the gauges of the
 * broker's Dropwizard registry) as one {@code metrics: ...} line on stdout every SECONDS and a
 * {@code metrics at stop: ...} line when the broker stops.
 *
 * <p>Protocol with the parent: one line {@code ready tcp=<port> tls=<port>} on stdout once both
 * listeners are up and verified; on failure {@code error: <message>} on stderr and exit code 2. The
 * broker stops cleanly (and the process exits 0) when stdin reaches end of file (the parent closed
 * it or died) or on SIGTERM/SIGINT.
 */
public final class MoquetteServe {
  private static final List<String> FLAGS =
      List.of(
          "--config",
          "--bind",
          "--port",
          "--tls-port",
          "--keystore",
          "--truststore",
          "--store-password-env",
          "--audit");
  private static final String METRICS = "--metrics";

  private MoquetteServe() {}

  /** Runs the broker until stdin closes or the JVM is asked to stop. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    GuardedMoquette broker;
    try {
      Map<String, String> a = parse(args);
      if (arg(a, "--audit").equals("console")) {
        auditToStdout(out);
      }
      broker = start(a);
    } catch (IllegalArgumentException | IllegalStateException | IOException e) {
      err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    } catch (ConfigException e) {
      e.problems().forEach(p -> err.println(p.severity() == ERROR ? "error: " + p : p));
      System.exit(2);
      return;
    }
    Runnable stop = stopper(broker, metrics(args, broker, out));
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "mqtt-guard-moquette-stop"));
    out.println("ready tcp=" + broker.port() + " tls=" + broker.sslPort());
    awaitEndOfInput(System.in);
    stop.run();
    System.exit(0);
  }

  /** The metrics printer {@code --metrics SECONDS} asks for, or none. */
  private static @Nullable MetricsPrinter metrics(
      String[] args, GuardedMoquette broker, PrintStream out) {
    long seconds = Long.parseLong(parse(args).getOrDefault(METRICS, "0"));
    return seconds > 0 ? new MetricsPrinter(broker.metricRegistry(), out, seconds) : null;
  }

  /** Stops once (from the main thread or the shutdown hook): the final metrics line, the broker. */
  private static Runnable stopper(GuardedMoquette broker, @Nullable MetricsPrinter metrics) {
    AtomicBoolean stopped = new AtomicBoolean();
    return () -> {
      if (stopped.compareAndSet(false, true)) {
        if (metrics != null) {
          metrics.close();
        }
        broker.close();
      }
    };
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!(FLAGS.contains(args[i]) || args[i].equals(METRICS)) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: MoquetteServe " + String.join(" N ", FLAGS) + " N [" + METRICS + " SECONDS]");
      }
      values.put(args[i], args[i + 1]);
    }
    for (String flag : FLAGS) {
      if (!values.containsKey(flag)) {
        throw new IllegalArgumentException("missing " + flag);
      }
    }
    if (!values.getOrDefault(METRICS, "0").matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException(METRICS + " must be a number of seconds");
    }
    return values;
  }

  private static GuardedMoquette start(Map<String, String> a) throws IOException, ConfigException {
    Properties p = new Properties();
    p.setProperty("host", arg(a, "--bind"));
    p.setProperty("port", arg(a, "--port"));
    p.setProperty("ssl_port", arg(a, "--tls-port"));
    p.setProperty("persistence_enabled", "false"); // a demo: sessions live in memory only
    String passwordEnv = arg(a, "--store-password-env");
    String password = System.getenv(passwordEnv);
    if (password == null) {
      throw new IllegalArgumentException("environment variable " + passwordEnv + " is not set");
    }
    String trust = arg(a, "--truststore");
    SslContext tls =
        serverTls(
            Path.of(arg(a, "--keystore")),
            trust.equals("-") ? null : Path.of(trust),
            password.toCharArray());
    return MqttGuardMoquette.from(Path.of(arg(a, "--config")))
        .sslContextCreator(() -> tls)
        .start(new Server(), p);
  }

  private static String arg(Map<String, String> a, String flag) {
    return java.util.Objects.requireNonNull(a.get(flag), flag); // checked by parse
  }

  /**
   * TLS with the server key store; with a trust store a client certificate is optional (as on
   * HiveMQ), without one none is asked for.
   */
  private static SslContext serverTls(Path keystore, @Nullable Path truststore, char[] password)
      throws IOException {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(load(keystore, password), password);
      if (truststore == null) {
        return SslContextBuilder.forServer(kmf).clientAuth(ClientAuth.NONE).build();
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(load(truststore, password));
      return SslContextBuilder.forServer(kmf)
          .trustManager(tmf)
          .clientAuth(ClientAuth.OPTIONAL)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use the TLS key stores: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(Path file, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, password);
    }
    return ks;
  }

  /**
   * Writes every audit event (one JSON line, never a secret) as {@code audit <json>} on stdout; the
   * parent renders each as one console line.
   */
  private static void auditToStdout(PrintStream out) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger audit = ctx.getLogger("io.mqttguard.audit");
    AppenderBase<ILoggingEvent> appender =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            out.println("audit " + event.getFormattedMessage());
          }
        };
    appender.setContext(ctx);
    appender.start();
    audit.addAppender(appender);
    audit.setAdditive(false);
    audit.setLevel(Level.INFO);
  }

  private static void awaitEndOfInput(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // the parent never writes; end of file means stop
      }
    } catch (IOException e) {
      // the parent is gone: stop
    }
  }
}

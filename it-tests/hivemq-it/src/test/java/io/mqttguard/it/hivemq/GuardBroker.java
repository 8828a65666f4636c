package io.mqttguard.it.hivemq;

import static java.nio.charset.StandardCharsets.UTF_8;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.client.parameter.Listener;
import com.hivemq.extension.sdk.api.client.parameter.ServerInformation;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.mqttguard.testsupport.Mqtt5TestClient;
import io.mqttguard.testsupport.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * An embedded HiveMQ CE broker that loads MQTT Guard from the built zip (unpacked into its own
 * extensions folder, so the extension runs in HiveMQ's isolated classloader exactly as users run
 * it), fails closed without an authenticator, keeps everything in memory and binds three loopback
 * listeners on free ports: {@code tcp}, {@code tls} (client certificate optional) and {@code
 * tls-required} (client certificate required).
 */
final class GuardBroker implements AutoCloseable {
  static final String EXTENSION_ID = "mqtt-guard";

  private final Path home;
  private final EmbeddedHiveMQ hivemq;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Map<String, Integer> ports = new HashMap<>();
  private final PortProbe probe;

  private GuardBroker(
      Path home,
      TestPki pki,
      Map<String, String> confFiles,
      List<Path> extraExtensions,
      boolean withGuard)
      throws Exception {
    this(home, pki, confFiles, extraExtensions, withGuard, "");
  }

  private GuardBroker(
      Path home,
      TestPki pki,
      Map<String, String> confFiles,
      List<Path> extraExtensions,
      boolean withGuard,
      String extraConfigXml)
      throws Exception {
    this.home = home;
    Path extensions = Files.createDirectories(home.resolve("extensions"));
    for (Path extra : extraExtensions) {
      copyTree(extra, extensions.resolve(extra.getFileName().toString()));
    }
    if (withGuard) {
      copyTree(distribution(), extensions.resolve(EXTENSION_ID));
      // the shipped examples are replaced by exactly the test's files
      try (Stream<Path> examples = Files.list(confDir())) {
        for (Path p : (Iterable<Path>) examples::iterator) {
          if (Files.isRegularFile(p)) {
            Files.delete(p);
          }
        }
      }
      writeConf(confFiles);
    }
    Path conf = Files.createDirectories(home.resolve("hivemq-conf"));
    Files.writeString(
        conf.resolve("config.xml"),
        configXml(pki).replace("</hivemq>", extraConfigXml + "</hivemq>"),
        UTF_8);
    log.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    probe = new PortProbe();
    hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(Files.createDirectories(home.resolve("data")))
            .withExtensionsFolder(extensions)
            .withoutLoggingBootstrap()
            .withEmbeddedExtension(
                EmbeddedExtension.builder()
                    .withId("port-probe")
                    .withName("port-probe")
                    .withVersion("1")
                    .withPriority(0)
                    .withStartPriority(0)
                    .withExtensionMain(probe)
                    .build())
            .build();
    // EmbeddedHiveMQ switches the JVM-global default to ALLOW ALL; a security test must fail
    // closed.
    InternalConfigurations.AUTH_DENY_UNAUTHENTICATED_CONNECTIONS.set(true);
    hivemq.start().join();
    ports.putAll(probe.read());
  }

  /**
   * Like {@link #start(Path, TestPki, Map)}, with {@code extraConfigXml} (elements of {@code
   * <hivemq>}) appended to HiveMQ's {@code config.xml}.
   */
  static GuardBroker startWithConfig(
      Path home, TestPki pki, Map<String, String> confFiles, String extraConfigXml)
      throws Exception {
    return new GuardBroker(home, pki, confFiles, List.of(), true, extraConfigXml);
  }

  /** Starts a broker in {@code home} with the given files in the extension's {@code conf/}. */
  static GuardBroker start(Path home, TestPki pki, Map<String, String> confFiles) throws Exception {
    return new GuardBroker(home, pki, confFiles, List.of(), true);
  }

  /**
   * Starts a broker in {@code tmp/broker} with a new test PKI in {@code tmp/pki} and the conf files
   * {@link Configs#files Configs.files(acl, users, moreNamesAndContents)}.
   */
  static GuardBroker startIn(Path tmp, String acl, String users, String... moreNamesAndContents)
      throws Exception {
    return start(
        tmp.resolve("broker"),
        new TestPki(tmp.resolve("pki")),
        Configs.files(acl, users, moreNamesAndContents));
  }

  /** Like {@link #start} with further extension folders copied next to ours. */
  static GuardBroker start(
      Path home, TestPki pki, Map<String, String> confFiles, List<Path> extraExtensions)
      throws Exception {
    return new GuardBroker(home, pki, confFiles, extraExtensions, true);
  }

  /** A broker WITHOUT MQTT Guard, only with the given extension folders (load-test baseline). */
  static GuardBroker startWithout(Path home, TestPki pki, List<Path> extensions) throws Exception {
    return new GuardBroker(home, pki, Map.of(), extensions, false);
  }

  /** The unpacked distribution folder {@code mqtt-guard/} from the built zip. */
  static Path distribution() {
    String dist = System.getProperty("mqttguard.extension.dist");
    if (dist == null) {
      throw new IllegalStateException("system property mqttguard.extension.dist is not set");
    }
    return Path.of(dist).resolve(EXTENSION_ID);
  }

  /** The value of gauge {@code name} in HiveMQ's metric registry (where MQTT Guard registers). */
  Object gauge(String name) {
    MetricRegistry registry = probe.metrics;
    Gauge<?> g = registry == null ? null : registry.getGauges().get(name);
    if (g == null) {
      throw new IllegalStateException("no gauge " + name);
    }
    return g.getValue();
  }

  /**
   * An MQTT 5 client connected on the {@code tcp} listener as {@code user} with the password {@code
   * user + "-pw"} (the convention of these tests' users files); fails the test otherwise.
   */
  Mqtt5TestClient connected(String clientId, String user) {
    Mqtt5TestClient c = Mqtt5TestClient.create(clientId, port("tcp"));
    String connack = c.connect(user, user + "-pw");
    if (!connack.equals("SUCCESS")) {
      c.close();
      throw new AssertionError(clientId + " as " + user + ": CONNACK " + connack);
    }
    return c;
  }

  int port(String listener) {
    Integer p = ports.get(listener);
    if (p == null) {
      throw new IllegalStateException("no listener " + listener + " in " + ports);
    }
    return p;
  }

  Path extensionHome() {
    return home.resolve("extensions").resolve(EXTENSION_ID);
  }

  Path confDir() {
    return extensionHome().resolve("conf");
  }

  /** Writes (replaces) files in the extension's conf folder, atomically per file. */
  void writeConf(Map<String, String> files) throws IOException {
    Path conf =
        Files.createDirectories(home.resolve("extensions").resolve(EXTENSION_ID).resolve("conf"));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path tmp = conf.resolve(f.getKey() + ".tmp");
      Files.writeString(tmp, f.getValue(), UTF_8);
      Files.move(
          tmp,
          conf.resolve(f.getKey()),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Writes (replaces) one binary file in the extension's conf folder, atomically. */
  void writeConfBytes(String name, byte[] content) throws IOException {
    Path tmp = confDir().resolve(name + ".tmp");
    Files.write(tmp, content);
    Files.move(
        tmp,
        confDir().resolve(name),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** Formatted messages of everything logged so far (HiveMQ and the extension). */
  List<String> logLines() {
    synchronized (log) {
      return log.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }
  }

  /** {@code level message} of everything logged so far, e.g. {@code ERROR MQTT Guard: ...}. */
  List<String> logLinesWithLevel() {
    synchronized (log) {
      return log.list.stream()
          .map(e -> e.getLevel() + " " + e.getFormattedMessage())
          .collect(Collectors.toList());
    }
  }

  boolean logContains(String fragment) {
    return logLines().stream().anyMatch(l -> l.contains(fragment));
  }

  @Override
  public void close() {
    try {
      hivemq.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }
  }

  private static String configXml(TestPki pki) {
    return "<hivemq>\n<listeners>\n"
        + "<tcp-listener><port>0</port><bind-address>127.0.0.1</bind-address><name>tcp</name></tcp-listener>\n"
        + tls("tls", "OPTIONAL", pki)
        + tls("tls-required", "REQUIRED", pki)
        + tls("tls-both", "REQUIRED", pki)
        + "</listeners>\n"
        + "<persistence><mode>in-memory</mode></persistence>\n"
        + "<anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
        + "</hivemq>\n";
  }

  private static String tls(String name, String clientAuth, TestPki pki) {
    return "<tls-tcp-listener><port>0</port><bind-address>127.0.0.1</bind-address><name>"
        + name
        + "</name><tls><keystore><path>"
        + pki.serverKeystore().toAbsolutePath()
        + "</path><password>changeit</password><private-key-password>changeit</private-key-password></keystore>"
        + "<truststore><path>"
        + pki.truststore().toAbsolutePath()
        + "</path><password>changeit</password></truststore>"
        + "<client-authentication-mode>"
        + clientAuth
        + "</client-authentication-mode></tls></tls-tcp-listener>\n";
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Test-only embedded extension that reads the bound listener ports. */
  static final class PortProbe implements ExtensionMain {
    private volatile @org.jspecify.annotations.Nullable ServerInformation server;
    private volatile @org.jspecify.annotations.Nullable MetricRegistry metrics;

    Map<String, Integer> read() {
      ServerInformation s = server;
      if (s == null) {
        throw new IllegalStateException("port probe extension did not start");
      }
      Map<String, Integer> m = new HashMap<>();
      for (Listener l : s.getListener()) {
        m.put(l.getName(), l.getPort());
      }
      return m;
    }

    @Override
    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
      server = in.getServerInformation();
      metrics = Services.metricRegistry();
    }

    @Override
    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {}
  }
}

package io.mqttguard.load.hivemq;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import io.mqttguard.load.RunningBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An embedded HiveMQ CE with one plain TCP listener {@code tcp} on 127.0.0.1, in-memory
 * persistence, no usage statistics, and exactly the extension folders prepared by the caller in
 * {@code <home>/extensions} (loaded by HiveMQ's extension loader in isolated classloaders, as in
 * production). Unauthenticated connections are denied (HiveMQ's production default).
 */
final class HiveMqBroker implements RunningBroker {
  private final EmbeddedHiveMQ hivemq;
  private final int port;

  private HiveMqBroker(Path home) throws Exception {
    this.port = freePort();
    Path conf = Files.createDirectories(home.resolve("hivemq-conf"));
    Files.writeString(
        conf.resolve("config.xml"),
        "<hivemq>\n<listeners>\n<tcp-listener><port>"
            + port
            + "</port><bind-address>127.0.0.1</bind-address><name>tcp</name></tcp-listener>\n"
            + "</listeners>\n"
            + "<persistence><mode>in-memory</mode></persistence>\n"
            + "<anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
            + "</hivemq>\n",
        UTF_8);
    hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(Files.createDirectories(home.resolve("data")))
            .withExtensionsFolder(home.resolve("extensions"))
            .withoutLoggingBootstrap()
            .build();
    // EmbeddedHiveMQ switches the JVM-global default to ALLOW ALL; restore the production default.
    InternalConfigurations.AUTH_DENY_UNAUTHENTICATED_CONNECTIONS.set(true);
    hivemq.start().join();
  }

  /** A broker with only the allow-all authenticator extension. */
  static HiveMqBroker allowAll(Path home) throws Exception {
    AllowAllMain.install(Files.createDirectories(home.resolve("extensions")), Set.of());
    return new HiveMqBroker(home);
  }

  /**
   * A broker with the allow-all extension that also registers do-nothing authorizers and publish
   * interceptors (the control for HiveMQ's extension-pipeline cost, see {@link AllowAllMain}).
   */
  static HiveMqBroker allowAllWithNoopHooks(Path home, Set<String> hooks) throws Exception {
    AllowAllMain.install(Files.createDirectories(home.resolve("extensions")), hooks);
    return new HiveMqBroker(home);
  }

  /**
   * A broker with MQTT Guard copied from the unpacked distribution {@code dist} (the folder {@code
   * mqtt-guard/} of the built zip); {@code writeConf} fills its {@code conf/} after the shipped
   * top-level example files were removed.
   */
  static HiveMqBroker guarded(Path home, Path dist, ConfWriter writeConf) throws Exception {
    Path ext = home.resolve("extensions").resolve("mqtt-guard");
    copyTree(dist, ext);
    Path conf = Files.createDirectories(ext.resolve("conf"));
    try (Stream<Path> files = Files.list(conf)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p) && p.toString().endsWith(".json")) {
          Files.delete(p);
        }
      }
    }
    writeConf.write(conf);
    return new HiveMqBroker(home);
  }

  /** Writes the extension's configuration files. */
  @FunctionalInterface
  interface ConfWriter {
    void write(Path conf) throws IOException;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      hivemq.close();
    } catch (Exception e) {
      throw new IllegalStateException("HiveMQ did not stop", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
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
}

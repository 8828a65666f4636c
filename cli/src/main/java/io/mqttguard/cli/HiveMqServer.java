package io.mqttguard.cli;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Embedded HiveMQ CE with the MQTT Guard extension installed the production way: the built zip
 * (bundled in this jar) is unpacked into a fresh extensions folder, and the extension's {@code
 * conf} folder is the operator's configuration directory (a symbolic link, so edits hot-reload).
 */
final class HiveMqServer implements ServedBroker {
  static final String EXTENSION_ID = "mqtt-guard";
  static final String ZIP_RESOURCE =
      "/io/mqttguard/cli/hivemq/mqtt-guard-hivemq-" + Version.current() + ".zip";

  /** Whether this build bundles the extension zip. */
  static boolean bundled() {
    return HiveMqServer.class.getResource(ZIP_RESOURCE) != null;
  }

  private final Path work;
  private final EmbeddedHiveMQ hivemq;

  private HiveMqServer(Path work, EmbeddedHiveMQ hivemq) {
    this.work = work;
    this.hivemq = hivemq;
  }

  @Override
  public String name() {
    return "HiveMQ CE";
  }

  @Override
  public boolean mqtt5() {
    return true;
  }

  static HiveMqServer start(
      Path configDir, String bind, int port, int tlsPort, ServePki.ServerTls tls)
      throws IOException {
    Path work = Files.createTempDirectory("mqtt-guard-serve-");
    try {
      Path extensions = Files.createDirectories(work.resolve("extensions"));
      unzipExtension(extensions);
      Path home = extensions.resolve(EXTENSION_ID);
      if (!Files.isDirectory(home)) {
        throw new CliException("the bundled extension zip has no folder " + EXTENSION_ID + "/");
      }
      deleteTree(home.resolve("conf"));
      linkOrCopy(configDir, home.resolve("conf"));
      Path conf = Files.createDirectories(work.resolve("hivemq-conf"));
      Files.writeString(conf.resolve("config.xml"), configXml(tls, bind, port, tlsPort));
      EmbeddedHiveMQ hivemq =
          EmbeddedHiveMQ.builder()
              .withConfigurationFolder(conf)
              .withDataFolder(Files.createDirectories(work.resolve("data")))
              .withExtensionsFolder(extensions)
              .withoutLoggingBootstrap()
              .build();
      // Embedded HiveMQ lets clients in when no authenticator is registered; fail closed instead.
      InternalConfigurations.AUTH_DENY_UNAUTHENTICATED_CONNECTIONS.set(true);
      try {
        hivemq.start().join();
      } catch (RuntimeException e) {
        closeQuietly(hivemq);
        throw new CliException("HiveMQ did not start: " + rootMessage(e), e);
      }
      if (Files.exists(home.resolve("DISABLED"))) {
        closeQuietly(hivemq);
        throw new CliException(
            "HiveMQ disabled the MQTT Guard extension (see the log above); not serving");
      }
      return new HiveMqServer(work, hivemq);
    } catch (IOException | RuntimeException e) {
      deleteTree(work);
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      closeQuietly(hivemq);
    } finally {
      deleteTree(work);
    }
  }

  private static void unzipExtension(Path extensions) throws IOException {
    try (InputStream in = HiveMqServer.class.getResourceAsStream(ZIP_RESOURCE)) {
      if (in == null) {
        throw new CliException(
            "this build has no HiveMQ extension zip; rebuild with"
                + " './mvnw -B -DskipTests install -pl cli -am'");
      }
      try (ZipInputStream zip = new ZipInputStream(in)) {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          Path target = extensions.resolve(e.getName()).normalize();
          if (!target.startsWith(extensions)) {
            throw new CliException("unsafe path in the extension zip: " + e.getName());
          }
          if (e.isDirectory()) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(zip, target);
          }
        }
      }
    }
  }

  private static void linkOrCopy(Path configDir, Path conf) throws IOException {
    try {
      Files.createSymbolicLink(conf, configDir.toAbsolutePath());
    } catch (UnsupportedOperationException | IOException e) {
      Files.createDirectories(conf);
      try (Stream<Path> files = Files.list(configDir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          if (Files.isRegularFile(f)) {
            Files.copy(f, conf.resolve(f.getFileName().toString()));
          }
        }
      }
    }
  }

  static String configXml(ServePki.ServerTls tls, String bind, int port, int tlsPort) {
    String pw = tls.password();
    Path truststore = tls.truststore();
    String trust =
        truststore == null
            ? "      <client-authentication-mode>NONE</client-authentication-mode>\n"
            : "      <truststore><path>"
                + truststore
                + "</path><password>"
                + pw
                + "</password></truststore>\n"
                + "      <client-authentication-mode>OPTIONAL</client-authentication-mode>\n";
    return "<hivemq>\n  <listeners>\n"
        + "    <tcp-listener><port>"
        + port
        + "</port><bind-address>"
        + bind
        + "</bind-address><name>tcp</name></tcp-listener>\n"
        + "    <tls-tcp-listener><port>"
        + tlsPort
        + "</port><bind-address>"
        + bind
        + "</bind-address><name>tls</name><tls>\n"
        + "      <keystore><path>"
        + tls.keystore()
        + "</path><password>"
        + pw
        + "</password><private-key-password>"
        + pw
        + "</private-key-password></keystore>\n"
        + trust
        + "    </tls></tls-tcp-listener>\n"
        + "  </listeners>\n"
        + "  <persistence><mode>in-memory</mode></persistence>\n"
        // docs/hivemq.md "Hardening HiveMQ's config.xml": HiveMQ's own bounds, which an extension
        // cannot set
        + "  <mqtt><packets><max-packet-size>65536</max-packet-size></packets></mqtt>\n"
        + "  <restrictions><no-connect-idle-timeout>2000</no-connect-idle-timeout>"
        + "<max-topic-length>1024</max-topic-length></restrictions>\n"
        + "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
        + "</hivemq>\n";
  }

  private static void closeQuietly(EmbeddedHiveMQ hivemq) {
    try {
      hivemq.close();
    } catch (Exception e) {
      // stopping anyway
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder; best effort
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

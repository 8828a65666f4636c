package io.mqttguard.it.container;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.mqttguard.testsupport.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.hivemq.HiveMQContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.MountableFile;

/**
 * A standalone HiveMQ CE in a container (Testcontainers' {@link HiveMQContainer}) with MQTT Guard
 * installed as the README tells operators: the built zip's {@code mqtt-guard/} folder in {@code
 * extensions/}, its {@code conf/*.json} replaced by the test's files, and (unless told otherwise)
 * {@code hivemq-allow-all-extension} removed. HiveMQ's own {@code conf/config.xml} has a {@code
 * tcp} listener on 1883 and a {@code tls} listener on 8883 (client certificate optional); both are
 * published on 127.0.0.1 only.
 */
final class GuardContainer {
  static final String EXTENSION_ID = "mqtt-guard";
  static final String ALLOW_ALL_ID = "hivemq-allow-all-extension";
  static final String GUARD_CONF = "/opt/hivemq/extensions/" + EXTENSION_ID + "/conf/";
  static final int MQTT = 1883;
  static final int MQTTS = 8883;

  private GuardContainer() {}

  /**
   * A container (not started) with {@code confFiles} as MQTT Guard's configuration. With {@code
   * guardStarts} the start waits for MQTT Guard's "started successfully" line as well.
   */
  static HiveMQContainer create(
      Path work,
      TestPki pki,
      Map<String, String> confFiles,
      boolean removeAllowAll,
      boolean guardStarts)
      throws IOException {
    Path extension = work.resolve("extensions").resolve(EXTENSION_ID);
    copyTree(distribution(), extension);
    try (Stream<Path> shipped = Files.list(extension.resolve("conf"))) {
      for (Path p : (Iterable<Path>) shipped::iterator) {
        if (Files.isRegularFile(p)) {
          Files.delete(p);
        }
      }
    }
    for (Map.Entry<String, String> f : confFiles.entrySet()) {
      Files.writeString(extension.resolve("conf").resolve(f.getKey()), f.getValue(), UTF_8);
    }
    Path configXml = work.resolve("config.xml");
    Files.writeString(configXml, configXml(), UTF_8);
    HiveMQContainer c =
        new HiveMQContainer(LocalHiveMQImage.image())
            .withExtension(MountableFile.forHostPath(extension))
            .withHiveMQConfig(MountableFile.forHostPath(configXml))
            .withFileInHomeFolder(
                MountableFile.forHostPath(pki.serverKeystore()), "/conf/tls/server.p12")
            .withFileInHomeFolder(
                MountableFile.forHostPath(pki.truststore()), "/conf/tls/trust.p12")
            .withExposedPorts(MQTT, MQTTS)
            .withStartupTimeout(Duration.ofMinutes(3))
            .withCreateContainerCmdModifier(
                cmd ->
                    cmd.getHostConfig()
                        .withPublishAllPorts(false)
                        .withPortBindings(loopback(MQTT), loopback(MQTTS)));
    if (removeAllowAll) {
      c.withoutPrepackagedExtensions(ALLOW_ALL_ID);
    }
    if (guardStarts) {
      c.waitForExtension("MQTT Guard");
    }
    return c;
  }

  /** Publishes {@code port} on a free port of 127.0.0.1 only. */
  private static PortBinding loopback(int port) {
    return new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(port));
  }

  /** The unpacked distribution folder {@code mqtt-guard/} of the built zip. */
  static Path distribution() {
    String dist = System.getProperty("mqttguard.extension.dist");
    if (dist == null) {
      throw new IllegalStateException("system property mqttguard.extension.dist is not set");
    }
    return Path.of(dist).resolve(EXTENSION_ID);
  }

  /** Copies {@code content} into the running container as MQTT Guard's {@code conf/<name>}. */
  static void replaceConf(HiveMQContainer c, String name, String content) {
    c.copyFileToContainer(Transferable.of(content.getBytes(UTF_8), 0644), GUARD_CONF + name);
  }

  /** Everything HiveMQ wrote: the container's output and {@code log/hivemq.log}. */
  static String brokerLog(HiveMQContainer c) throws IOException, InterruptedException {
    ExecResult file = c.execInContainer("cat", "/opt/hivemq/log/hivemq.log");
    return c.getLogs() + "\n" + file.getStdout() + file.getStderr();
  }

  static String configXml() {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener><port>1883</port><bind-address>0.0.0.0</bind-address><name>tcp</name></tcp-listener>
            <tls-tcp-listener>
              <port>8883</port><bind-address>0.0.0.0</bind-address><name>tls</name>
              <tls>
                <keystore><path>/opt/hivemq/conf/tls/server.p12</path><password>%1$s</password><private-key-password>%1$s</private-key-password></keystore>
                <truststore><path>/opt/hivemq/conf/tls/trust.p12</path><password>%1$s</password></truststore>
                <client-authentication-mode>OPTIONAL</client-authentication-mode>
              </tls>
            </tls-tcp-listener>
          </listeners>
          <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
        </hivemq>
        """
        .formatted(Configs.KEYSTORE_PASSWORD);
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

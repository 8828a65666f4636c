package io.mqttguard.load.moquette;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.mqttguard.load.RunningBroker;
import io.mqttguard.moquette.GuardedMoquette;
import io.mqttguard.moquette.MqttGuardMoquette;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * An embedded Moquette 0.17 on 127.0.0.1 with one plain TCP listener, no persistence, no telemetry
 * and a 64 KiB message size limit (room for envelopes), either stock ({@link #open}) or secured by
 * MQTT Guard ({@link #guarded}).
 */
final class MoquetteBroker implements RunningBroker {
  private final int port;
  private final AutoCloseable stop;

  private MoquetteBroker(int port, AutoCloseable stop) {
    this.port = port;
    this.stop = stop;
  }

  /** Stock Moquette: no authenticator, no authorizer, anonymous allowed (the baseline). */
  static MoquetteBroker open(Path home) throws IOException {
    Properties p = properties(home);
    p.setProperty("allow_anonymous", "true");
    Server server = new Server();
    server.startServer(new MemoryConfig(p));
    return new MoquetteBroker(Integer.parseInt(p.getProperty("port")), server::stopServer);
  }

  /**
   * Moquette secured by MQTT Guard from the configuration directory {@code conf}, through the
   * adapter's public entry point {@code MqttGuardMoquette.from(Path)}.
   */
  static MoquetteBroker guarded(Path home, Path conf) throws Exception {
    GuardedMoquette broker = MqttGuardMoquette.from(conf).start(new Server(), properties(home));
    return new MoquetteBroker(broker.port(), broker);
  }

  private static Properties properties(Path home) throws IOException {
    Properties p = new Properties();
    p.setProperty("host", "127.0.0.1");
    p.setProperty("port", String.valueOf(freePort()));
    p.setProperty("persistence_enabled", "false");
    p.setProperty("telemetry_enabled", "false");
    p.setProperty("data_path", Files.createDirectories(home.resolve("data")).toString());
    p.setProperty("netty.mqtt.message_size", "65536");
    return p;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      stop.close();
    } catch (Exception e) {
      throw new IllegalStateException("Moquette did not stop", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

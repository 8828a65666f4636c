package io.mqttguard.moquette;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Properties;
import java.util.function.IntSupplier;

/**
 * Start-up self-test: every configured listener is bound (Moquette 0.17 silently skips a TLS
 * listener whose key store cannot be loaded) and a probe connection to it gets the hook.
 */
final class ListenerCheck {
  private static final long WAIT_MILLIS = 3000;

  private ListenerCheck() {}

  /**
   * @throws IllegalStateException naming the listener that did not come up or is not hooked
   */
  static void verify(Server server, Properties props, HookInstaller installer) {
    String host = probeHost(props.getProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1"));
    String plain = props.getProperty(IConfig.PORT_PROPERTY_NAME, "1883");
    if (!isDisabled(plain)) {
      probe(host, awaitPort("TCP (port=" + plain + ")", server::getPort), installer, "tcp");
    }
    String tls = props.getProperty(IConfig.SSL_PORT_PROPERTY_NAME);
    if (tls != null && !isDisabled(tls)) {
      int port =
          awaitPort(
              "TLS (ssl_port="
                  + tls
                  + "; check jks_path, key_store_password and key_manager_password)",
              server::getSslPort);
      probe(host, port, installer, "tls");
    }
    probeFixed(host, props, IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, installer);
    probeFixed(host, props, IConfig.WSS_PORT_PROPERTY_NAME, installer);
  }

  private static void probeFixed(String host, Properties props, String key, HookInstaller hook) {
    String value = props.getProperty(key);
    if (value == null || isDisabled(value)) {
      return;
    }
    int port = Integer.parseInt(value.trim());
    if (port == 0) {
      throw new IllegalStateException(
          key + "=0 cannot be verified (Moquette 0.17 does not report the bound port): set a port");
    }
    probe(host, port, hook, key);
  }

  private static int awaitPort(String listener, IntSupplier port) {
    long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
    while (System.nanoTime() < deadline) {
      int p = port.getAsInt(); // Moquette fills ports asynchronously
      if (p > 0) {
        return p;
      }
      sleep();
    }
    throw new IllegalStateException("Moquette listener " + listener + " did not come up");
  }

  private static void probe(String host, int port, HookInstaller installer, String listener) {
    long before = installer.installs();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) WAIT_MILLIS);
      long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
      while (installer.installs() == before && System.nanoTime() < deadline) {
        sleep();
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot reach Moquette listener " + listener + " at " + host + ":" + port, e);
    }
    if (installer.installs() == before) {
      throw new IllegalStateException(
          "the MQTT Guard hook was not installed on listener " + listener + " (port " + port + ")");
    }
  }

  private static boolean isDisabled(String value) {
    return BrokerConstants.DISABLED_PORT_BIND.equalsIgnoreCase(value.trim());
  }

  private static String probeHost(String host) {
    String h = host.trim();
    if (h.equals("0.0.0.0")) {
      return "127.0.0.1";
    }
    return h.equals("::") || h.equals("[::]") ? "::1" : h;
  }

  private static void sleep() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while verifying Moquette listeners", e);
    }
  }
}

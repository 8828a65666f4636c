package io.mqttguard.moquette;

import static org.assertj.core.api.Assertions.assertThat;

import io.moquette.broker.Server;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.testsupport.TestPki;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook on every listener: plain TCP, TLS with client certificates, WebSocket. */
class TransportsTest {
  static final ScriptedGuard GUARD = new ScriptedGuard();
  static TestPki tls;
  static GuardedMoquette broker;
  static int wsPort;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    tls = new TestPki(dir);
    try (ServerSocket s = new ServerSocket(0)) {
      wsPort = s.getLocalPort();
    }
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("websocket_port", String.valueOf(wsPort));
    p.setProperty("persistence_enabled", "false");
    tls.configureMoquetteTls(p);
    broker = new MqttGuardMoquette(GUARD).auditSink(AuditSink.discarding()).start(new Server(), p);
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void tlsLogins_underConcurrency_eachSeeTheirOwnCertificate_andPlainImpostorsFail()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> tlsResults = new ArrayList<>();
      List<Future<Boolean>> impostors = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String cn = "dev-" + i;
        tlsResults.add(pool.submit(tlsLogin(cn)));
        impostors.add(pool.submit(plainLogin(cn)));
      }
      for (Future<Boolean> f : tlsResults) {
        assertThat(f.get()).as("TLS client admitted").isTrue();
      }
      for (Future<Boolean> f : impostors) {
        assertThat(f.get()).as("plain-TCP impostor admitted").isFalse();
      }
    } finally {
      pool.shutdownNow();
    }
    for (ConnectRequest r : GUARD.requests) {
      if (r.clientId().startsWith("dev-") && r.listener().equals("tls")) {
        var leaf =
            java.util.Objects.requireNonNull(java.util.Objects.requireNonNull(r.tls()).leaf());
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=" + r.clientId());
      } else if (r.clientId().startsWith("dev-")) {
        assertThat(r.listener()).isEqualTo("tcp");
        assertThat(r.tls()).isNull();
      }
    }
  }

  private static Callable<Boolean> tlsLogin(String cn) {
    return () -> {
      MqttConnectOptions o = Paho.options(null, true);
      o.setSocketFactory(tls.clientSocketFactory(cn));
      MqttClient c = Paho.client("ssl://127.0.0.1:" + broker.sslPort(), cn);
      try {
        c.connect(o);
        c.disconnect();
        return true;
      } catch (Exception e) {
        return false;
      } finally {
        c.close();
      }
    };
  }

  private static Callable<Boolean> plainLogin(String cn) {
    return () -> {
      MqttConnectOptions o = Paho.options(null, true);
      o.setUserName(cn); // claims the identity without a certificate or password
      MqttClient c = Paho.client("tcp://127.0.0.1:" + broker.port(), cn + "-x");
      try {
        c.connect(o);
        c.disconnect();
        return true;
      } catch (Exception e) {
        return false;
      } finally {
        c.close();
      }
    };
  }

  @Test
  void webSocket_connect_passesTheHookAsWebsocketListener() throws Exception {
    MqttClient c =
        Paho.connect("ws://127.0.0.1:" + wsPort + "/mqtt", "alice-ws", Paho.options("alice", true));
    c.disconnect();
    c.close();
    assertThat(GUARD.requests)
        .anySatisfy(
            r -> {
              assertThat(r.clientId()).isEqualTo("alice-ws");
              assertThat(r.listener()).isEqualTo("websocket");
            });
  }
}

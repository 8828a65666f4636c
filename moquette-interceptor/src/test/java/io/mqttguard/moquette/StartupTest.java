package io.mqttguard.moquette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moquette.broker.Server;
import io.mqttguard.audit.AuditEvent;
import io.mqttguard.testsupport.TestPki;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secure defaults and fail-hard start-up. */
class StartupTest {

  @Test
  void defaults_replaceMoquettesFailOpenDefaults() {
    Properties effective = SecureDefaults.apply(new Properties());
    assertThat(effective.getProperty("host")).isEqualTo("127.0.0.1");
    assertThat(effective.getProperty("telemetry_enabled")).isEqualTo("false");
    assertThat(effective.getProperty("allow_anonymous")).isEqualTo("false");
    assertThat(effective.getProperty("netty.mqtt.message_size")).isEqualTo("65536");
  }

  @Test
  void explicitApplicationSettings_winOverDefaults() {
    Properties p = new Properties();
    p.setProperty("host", "0.0.0.0");
    p.setProperty("telemetry_enabled", "true");
    Properties effective = SecureDefaults.apply(p);
    assertThat(effective.getProperty("host")).isEqualTo("0.0.0.0");
    assertThat(effective.getProperty("telemetry_enabled")).isEqualTo("true");
  }

  @Test
  void settingsThatBypassTheGuard_areRejectedTogether() {
    Properties p = new Properties();
    p.setProperty("allow_anonymous", "true");
    p.setProperty("authorizator_class", "com.example.PermitAll");
    p.setProperty("password_file", "passwd");
    p.setProperty("use_metrics", "true");
    assertThatThrownBy(() -> SecureDefaults.apply(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allow_anonymous=true")
        .hasMessageContaining("authorizator_class")
        .hasMessageContaining("password_file")
        .hasMessageContaining("use_metrics");
  }

  @Test
  void tlsListenerThatDoesNotComeUp_refusesToStart_andStopsTheBroker(@TempDir Path dir)
      throws Exception {
    TestPki tls = new TestPki(dir);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Properties p = new Properties();
    p.setProperty("port", String.valueOf(port));
    p.setProperty("persistence_enabled", "false");
    tls.configureMoquetteTls(p);
    p.remove("key_manager_password"); // Moquette 0.17 then silently skips the TLS listener
    assertThatThrownBy(() -> new MqttGuardMoquette(new ScriptedGuard()).start(new Server(), p))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TLS");
    try (ServerSocket again = new ServerSocket(port)) {
      assertThat(again.getLocalPort()).as("plain listener was stopped").isEqualTo(port);
    }
  }

  @Test
  void hook_onAServerThatIsNotRunning_cannotBeInstalled() {
    assertThatThrownBy(
            () ->
                PipelineHook.install(
                    new Server(),
                    new HookInstaller(
                        new ScriptedGuard(),
                        new LiveConnections(),
                        new AdapterAudit(e -> {}, Clock.systemUTC()),
                        new Wills(new Server(), new AdapterAudit(e -> {}, Clock.systemUTC())))))
        .isInstanceOf(PipelineHook.HookException.class)
        .hasMessageContaining("acceptor");
  }

  @Test
  void connectThatBypassedTheHook_isDeniedAndAudited() {
    List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    var auth =
        new GuardAuthenticator(
            new LiveConnections(), new AdapterAudit(audit::add, Clock.systemUTC()));
    assertThat(
            auth.checkValid(
                "alice", "alice", "alice".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(audit).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("deny"));
  }

  @Test
  void epollTransport_isHookedToo() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(io.netty.channel.epoll.Epoll.isAvailable());
    ScriptedGuard gate = new ScriptedGuard();
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("persistence_enabled", "false");
    p.setProperty("netty.epoll", "true");
    try (GuardedMoquette broker = new MqttGuardMoquette(gate).start(new Server(), p)) {
      var c =
          Paho.connect(
              "tcp://127.0.0.1:" + broker.port(), "alice-epoll", Paho.options("alice", true));
      c.disconnect();
      c.close();
      assertThat(gate.events).contains("connected:alice-epoll");
    }
  }
}

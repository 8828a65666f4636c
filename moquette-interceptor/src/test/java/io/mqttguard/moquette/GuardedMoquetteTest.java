package io.mqttguard.moquette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.moquette.broker.Server;
import io.mqttguard.audit.AuditEvent;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.testsupport.RawPackets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hook and the Moquette callbacks against a real embedded Moquette 0.17 and real clients. */
class GuardedMoquetteTest {
  static final ScriptedGuard GUARD = new ScriptedGuard();
  static final List<AuditEvent> AUDIT = new CopyOnWriteArrayList<>();
  static GuardedMoquette broker;
  static String uri;

  @BeforeAll
  static void start() throws Exception {
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("persistence_enabled", "false");
    AuditSink sink = AUDIT::add;
    broker = new MqttGuardMoquette(GUARD).auditSink(sink).start(new Server(), p);
    uri = "tcp://127.0.0.1:" + broker.port();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void connect_withValidCredentials_isAdmittedThroughTheHook() throws Exception {
    MqttClient c = Paho.connect(uri, "alice-1", Paho.options("alice", true));
    c.disconnect();
    c.close();
    assertThat(GUARD.requests)
        .anySatisfy(
            r -> {
              assertThat(r.clientId()).isEqualTo("alice-1");
              assertThat(r.listener()).isEqualTo("tcp");
              assertThat(r.remoteAddress()).isEqualTo("127.0.0.1");
              assertThat(r.tls()).isNull();
              assertThat(r.mqttVersion()).isEqualTo(4);
            });
    assertThat(GUARD.events).contains("connected:alice-1");
  }

  @Test
  void connect_refusedByCore_getsTheCoresReturnCode() throws Exception {
    MqttClient c = Paho.client(uri, "mallory-1");
    assertThatThrownBy(() -> c.connect(Paho.options("nobody", true)))
        .isInstanceOf(MqttSecurityException.class)
        .extracting(e -> ((MqttException) e).getReasonCode())
        .isEqualTo((int) MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    c.close();
  }

  @Test
  void connect_withoutCredentials_isRefused() throws Exception {
    MqttClient c = Paho.client(uri, "anon-1");
    assertThatThrownBy(() -> c.connect(Paho.options(null, true)))
        .isInstanceOf(MqttSecurityException.class);
    c.close();
  }

  @Test
  void publish_encryptedPayload_reachesSubscriberAsPlaintext() throws Exception {
    MqttClient sub = Paho.connect(uri, "bob-sub", Paho.options("bob", true));
    BlockingQueue<String> got = Paho.subscribe(sub, "shared/#", 1);
    MqttClient pub = Paho.connect(uri, "alice-pub", Paho.options("alice", true));
    Paho.publish(pub, "shared/x", "ENC:hello", 1, false);
    assertThat(Paho.poll(got, 3000)).isEqualTo("shared/x=hello");
    pub.disconnect();
    sub.disconnect();
  }

  @Test
  void publish_refusedPayload_closesConnectionAndDeliversNothing() throws Exception {
    MqttClient sub = Paho.connect(uri, "bob-sub2", Paho.options("bob", true));
    BlockingQueue<String> got = Paho.subscribe(sub, "shared/#", 1);
    MqttClient pub = Paho.connect(uri, "alice-pub2", Paho.options("alice", true));
    assertThatThrownBy(() -> Paho.publish(pub, "shared/t", "BAD:xx", 1, false))
        .isInstanceOf(MqttException.class);
    assertThat(Paho.poll(got, 500)).isNull();
    assertThat(pub.isConnected()).isFalse();
    sub.disconnect();
  }

  @Test
  void publish_notAllowed_closesTheConnection_andIsNeverRouted() throws Exception {
    MqttClient sub = Paho.connect(uri, "bob-sub3", Paho.options("bob", true));
    BlockingQueue<String> got = Paho.subscribe(sub, "bob/#", 1);
    MqttClient pub = Paho.connect(uri, "alice-pub3", Paho.options("alice", true));
    assertThatThrownBy(() -> Paho.publish(pub, "bob/inbox", "forged", 1, false))
        .isInstanceOf(MqttException.class);
    assertThat(pub.isConnected()).isFalse();
    assertThat(Paho.poll(got, 500)).isNull();
    pub.close();
    sub.disconnect();
  }

  @Test
  void publish_encryptedWill_isStoredDecrypted() throws Exception {
    MqttClient sub = Paho.connect(uri, "bob-encwill", Paho.options("bob", true));
    BlockingQueue<String> got = Paho.subscribe(sub, "shared/encwill", 1);
    MqttClient c = Paho.client(uri, "alice-encwill");
    var o = Paho.options("alice", true);
    o.setWill(
        "shared/encwill", "ENC:bye".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
    c.connect(o);
    c.disconnectForcibly(100, 100, false);
    assertThat(Paho.poll(got, 3000)).isEqualTo("shared/encwill=bye");
    sub.disconnect();
  }

  @Test
  void subscribe_wildcardBeyondGrant_isDenied() throws Exception {
    MqttClient c = Paho.connect(uri, "alice-sub", Paho.options("alice", true));
    int[] granted = c.subscribeWithResponse("#", 1).getGrantedQos();
    assertThat(granted).containsExactly(0x80);
    c.disconnect();
  }

  @Test
  void receive_deniedDelivery_isSuppressedAndLaterDeliveriesFlow() throws Exception {
    GUARD.hiddenFromReceive = java.util.Set.of("shared/hidden");
    try {
      MqttClient sub = Paho.connect(uri, "bob-sub4", Paho.options("bob", true));
      BlockingQueue<String> got = Paho.subscribe(sub, "shared/#", 2);
      var pubOptions = Paho.options("alice", true);
      // Paho's own window (default 10) can lag behind its completed tokens on a loaded machine
      // ("Too many publishes in progress"); this test is about Moquette's window towards `sub`.
      pubOptions.setMaxInflight(1000);
      MqttClient pub = Paho.connect(uri, "alice-pub4", pubOptions);
      for (int qos = 0; qos <= 2; qos++) {
        Paho.publish(pub, "shared/hidden", "secret" + qos, qos, false);
      }
      for (int i = 0; i < 30; i++) { // more than Moquette's in-flight window
        Paho.publish(pub, "shared/hidden", "s" + i, 1 + i % 2, false);
      }
      Paho.publish(pub, "shared/open", "visible", 2, false);
      assertThat(Paho.poll(got, 3000)).isEqualTo("shared/open=visible");
      assertThat(got).isEmpty();
      pub.disconnect();
      sub.disconnect();
    } finally {
      GUARD.hiddenFromReceive = java.util.Set.of();
    }
  }

  @Test
  void will_onForbiddenTopic_isRefusedAtConnect() throws Exception {
    MqttClient c = Paho.client(uri, "alice-will");
    var o = Paho.options("alice", true);
    o.setWill("bob/alarm", "FORGED".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
    assertThatThrownBy(() -> c.connect(o))
        .isInstanceOf(MqttException.class)
        .extracting(e -> ((MqttException) e).getReasonCode())
        .isEqualTo((int) MqttException.REASON_CODE_NOT_AUTHORIZED);
    c.close();
  }

  @Test
  void policyException_closesOnlyThatConnection_andBrokerKeepsServing() throws Exception {
    MqttClient c = Paho.connect(uri, "alice-boom", Paho.options("alice", true));
    assertThatThrownBy(() -> Paho.publish(c, "boom/x", "p", 1, false))
        .isInstanceOf(MqttException.class);
    assertThat(AUDIT).anySatisfy(e -> assertThat(e.outcome()).isEqualTo("error"));
    for (int i = 0; i < 6; i++) { // clients on every session loop still get CONNACK
      MqttClient ok = Paho.connect(uri, "alice-after-" + i, Paho.options("alice", true));
      ok.disconnect();
    }
  }

  @Test
  void connectionLost_publishesTheAllowedWill() throws Exception {
    MqttClient sub = Paho.connect(uri, "bob-will-sub", Paho.options("bob", true));
    BlockingQueue<String> got = Paho.subscribe(sub, "shared/will/#", 1);
    try (java.net.Socket raw =
        new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), broker.port())) {
      raw.getOutputStream()
          .write(RawPackets.connectWithWill("alice-lost", "alice", "shared/will/a"));
      assertThat(RawPackets.readConnAckCode(raw.getInputStream())).isEqualTo(0);
    } // abrupt close: no DISCONNECT
    assertThat(Paho.poll(got, 3000)).isEqualTo("shared/will/a=gone");
    sub.disconnect();
  }

  @Test
  void revokedClient_isDisconnected_andItsWillIsDiscarded() throws Exception {
    MqttClient sub = Paho.connect(uri, "bob-rev-sub", Paho.options("bob", true));
    BlockingQueue<String> got = Paho.subscribe(sub, "shared/will/#", 1);
    try (java.net.Socket raw =
        new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), broker.port())) {
      raw.getOutputStream()
          .write(RawPackets.connectWithWill("alice-rev", "alice", "shared/will/r"));
      assertThat(RawPackets.readConnAckCode(raw.getInputStream())).isEqualTo(0);
      int n = broker.live().disconnect(s -> s.identity().clientId().equals("alice-rev"));
      assertThat(n).isEqualTo(1);
      raw.setSoTimeout(3000);
      assertThat(raw.getInputStream().read()).as("server closed the connection").isEqualTo(-1);
    }
    assertThat(Paho.poll(got, 1500)).isNull();
    sub.disconnect();
  }

  @Test
  void mqtt5Connect_isRefusedWithUnacceptableProtocolVersion_beforeAuthentication()
      throws Exception {
    int before = GUARD.requests.size();
    try (java.net.Socket raw =
        new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), broker.port())) {
      raw.getOutputStream().write(RawPackets.connectV5("v5-client"));
      assertThat(RawPackets.readConnAckCode(raw.getInputStream())).isEqualTo(1);
    }
    assertThat(GUARD.requests).hasSize(before);
  }

  @Test
  void subscribeSentRightAfterConnect_isProcessedAfterTheConnack() throws Exception {
    try (java.net.Socket raw =
        new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), broker.port())) {
      raw.setSoTimeout(3000);
      raw.getOutputStream()
          .write(RawPackets.connectThenSubscribe("alice-eager", "alice", "alice/#"));
      assertThat(RawPackets.readConnAckCode(raw.getInputStream())).isEqualTo(0);
      assertThat(RawPackets.readSubAckCode(raw.getInputStream())).isEqualTo(1);
    }
  }

  @Test
  void revokedBeforeMoquetteMarkedTheConnectionConnected_willIsNeverPublished() throws Exception {
    MqttClient sub = Paho.connect(uri, "bob-early-sub", Paho.options("bob", true));
    BlockingQueue<String> got = Paho.subscribe(sub, "shared/will/#", 1);
    try (java.net.Socket raw =
        new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), broker.port())) {
      raw.getOutputStream()
          .write(RawPackets.connectWithWill("alice-early", "alice", "shared/will/e"));
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (broker.live().get("alice-early") == null && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // revoke the moment the hook forwards the CONNECT to Moquette
      }
      assertThat(broker.live().disconnect(s -> s.identity().clientId().equals("alice-early")))
          .isEqualTo(1);
      raw.setSoTimeout(3000);
      var unused = raw.getInputStream().readAllBytes(); // maybe a CONNACK, then the close
    }
    assertThat(Paho.poll(got, 1500)).isNull();
    sub.disconnect();
  }

  @Test
  void sessionRevokedWhileConnecting_isRefusedNotAuthorized_beforeMoquetteSeesIt()
      throws Exception {
    GUARD.revokedClients.add("alice-revoked-early");
    try (java.net.Socket raw =
        new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), broker.port())) {
      raw.setSoTimeout(3000);
      raw.getOutputStream()
          .write(RawPackets.connectWithWill("alice-revoked-early", "alice", "shared/will/x"));
      assertThat(RawPackets.readConnAckCode(raw.getInputStream())).isEqualTo(5);
      assertThat(raw.getInputStream().read()).isEqualTo(-1);
    } finally {
      GUARD.revokedClients.remove("alice-revoked-early");
    }
    assertThat(broker.live().get("alice-revoked-early")).isNull();
    assertThat(GUARD.events).contains("disconnected:alice-revoked-early:true");
  }

  @Test
  void cleanDisconnect_discardsTheWill() throws Exception {
    MqttClient sub = Paho.connect(uri, "bob-clean-sub", Paho.options("bob", true));
    BlockingQueue<String> got = Paho.subscribe(sub, "shared/will/#", 1);
    try (java.net.Socket raw =
        new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), broker.port())) {
      raw.setSoTimeout(3000);
      raw.getOutputStream()
          .write(RawPackets.connectWithWill("alice-clean", "alice", "shared/will/c"));
      assertThat(RawPackets.readConnAckCode(raw.getInputStream())).isEqualTo(0);
      raw.getOutputStream().write(RawPackets.disconnect());
      assertThat(raw.getInputStream().read()).as("Moquette closes after DISCONNECT").isEqualTo(-1);
    }
    assertThat(Paho.poll(got, 1500)).isNull();
    sub.disconnect();
  }

  @Test
  void willWithdrawnByPolicyBeforeConnectionLoss_isNotPublished_andAudited() throws Exception {
    MqttClient sub = Paho.connect(uri, "bob-withdrawn-sub", Paho.options("bob", true));
    BlockingQueue<String> got = Paho.subscribe(sub, "shared/will/#", 1);
    GUARD.willsWithdrawn.add("shared/will/w");
    try {
      try (java.net.Socket raw =
          new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), broker.port())) {
        raw.getOutputStream()
            .write(RawPackets.connectWithWill("alice-wd", "alice", "shared/will/w"));
        assertThat(RawPackets.readConnAckCode(raw.getInputStream())).isEqualTo(0);
      } // abrupt close: no DISCONNECT
      for (int i = 0; i < 100 && !GUARD.events.contains("will-check:alice-wd"); i++) {
        Thread.sleep(50);
      }
      assertThat(GUARD.events).contains("will-check:alice-wd");
      assertThat(Paho.poll(got, 1000)).isNull();
    } finally {
      GUARD.willsWithdrawn.remove("shared/will/w");
    }
    assertThat(AUDIT)
        .anySatisfy(
            e -> {
              assertThat(e.event()).isEqualTo("will");
              assertThat(e.clientId()).isEqualTo("alice-wd");
              assertThat(e.outcome()).isEqualTo("deny");
            });
    sub.disconnect();
  }

  @Test
  void connectionLost_retainedWill_isRetainedForLateSubscribers() throws Exception {
    try (java.net.Socket raw =
        new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), broker.port())) {
      raw.getOutputStream()
          .write(RawPackets.connectWithWill("alice-rwill", "alice", "shared/rwill/a", true));
      assertThat(RawPackets.readConnAckCode(raw.getInputStream())).isEqualTo(0);
    } // abrupt close: no DISCONNECT
    String retained = null;
    for (int i = 0; i < 20 && retained == null; i++) {
      MqttClient late = Paho.connect(uri, "bob-rwill-" + i, Paho.options("bob", true));
      retained = Paho.poll(Paho.subscribe(late, "shared/rwill/#", 1), 250);
      late.disconnect();
    }
    assertThat(retained).isEqualTo("shared/rwill/a=gone");
    MqttClient alice = Paho.connect(uri, "alice-rwill-clear", Paho.options("alice", true));
    Paho.publish(alice, "shared/rwill/a", "", 1, true); // clear the retained will
    alice.disconnect();
  }
}

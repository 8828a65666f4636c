package io.mqttguard.it.moquette;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.moquette.broker.Server;
import io.mqttguard.audit.AuditEvent;
import io.mqttguard.moquette.GuardedMoquette;
import io.mqttguard.moquette.MqttGuardMoquette;
import io.mqttguard.testsupport.RawClient;
import io.mqttguard.testsupport.RawPackets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 1: topics and filters of thousands of levels, which the ACL allows ({@code bob/#})
 * but which made Moquette's subscription tree overflow its stack and kill a session loop, are
 * refused before Moquette sees them; afterwards clients on every session loop still connect. Driven
 * over a raw socket, the way the reproduction did.
 */
class TopicLimitsIT {
  /** Moquette 0.17 runs one session loop per processor, chosen by the client ID's hash. */
  static final int LOOPS = Runtime.getRuntime().availableProcessors();

  static final String DEEP_FILTER = "bob/" + "x/".repeat(3000) + "#";
  static final String DEEP_TOPIC = "bob/" + "x/".repeat(3000) + "end";
  static final List<AuditEvent> AUDIT = new CopyOnWriteArrayList<>();
  static GuardedMoquette broker;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    ConfigDir.write(dir);
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("persistence_enabled", "false");
    broker = MqttGuardMoquette.from(dir).auditSink(AUDIT::add).start(new Server(), p);
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  /** One client ID per session loop: {@code prefix} plus a number, hashing to each loop once. */
  @SuppressWarnings("MathAbsoluteNegative") // Moquette's own SessionEventLoopGroup expression
  static List<String> idsOnEveryLoop(String prefix) {
    String[] ids = new String[LOOPS];
    int found = 0;
    for (int k = 0; found < LOOPS; k++) {
      String id = prefix + k;
      int loop = Math.abs(id.hashCode()) % LOOPS;
      if (ids[loop] == null) {
        ids[loop] = id;
        found++;
      }
    }
    return List.of(ids);
  }

  static RawClient bob(String clientId) throws Exception {
    return RawClient.connect(broker.port(), 4, clientId, "bob", ConfigDir.password("bob"), true)
        .accepted();
  }

  /** Every session loop still serves new clients: CONNACK 0, then SUBACK with the granted QoS. */
  static void everyLoopStillServesClients(String prefix) throws Exception {
    for (String id : idsOnEveryLoop(prefix)) {
      try (RawClient c = bob(id)) {
        assertThat(c.subscribe(1, "bob/still/alive", 1)[0]).as(id).isEqualTo(1);
      }
    }
  }

  static long auditedDenies(String event) {
    return AUDIT.stream()
        .filter(e -> e.event().equals(event) && e.outcome().equals("deny"))
        .filter(e -> "INVALID_REQUEST".equals(e.details().get("basis")))
        .count();
  }

  @Test
  void subscribe_allowedFilterOf3000Levels_getsSubackFailure_andEveryLoopStillConnects()
      throws Exception {
    long before = auditedDenies("subscribe");
    List<RawClient> attackers = new ArrayList<>();
    try {
      for (String id : idsOnEveryLoop("deep-sub-")) {
        RawClient c = bob(id);
        attackers.add(c);
        assertThat(c.subscribe(1, DEEP_FILTER, 1)[0]).as(id).isEqualTo(0x80);
        assertThat(c.subscribe(1, "bob/" + "x".repeat(2000), 1)[0]).as("too long").isEqualTo(0x80);
        assertThat(c.subscribe(1, "bob/ok/#", 1)[0]).as("the connection stays usable").isEqualTo(1);
      }
      everyLoopStillServesClients("after-sub-");
    } finally {
      for (RawClient c : attackers) {
        c.sendRaw(RawPackets.disconnect()); // clean DISCONNECT: Moquette removes subscriptions
        c.close();
      }
    }
    everyLoopStillServesClients("after-disconnect-");
    assertThat(auditedDenies("subscribe") - before).isEqualTo(2L * LOOPS);
  }

  @Test
  void unsubscribe_filterOf3000Levels_closesTheConnection_andEveryLoopStillConnects()
      throws Exception {
    long before = auditedDenies("unsubscribe");
    for (String id : idsOnEveryLoop("deep-unsub-")) {
      try (RawClient c = bob(id)) {
        c.sendUnsubscribe(2, DEEP_FILTER);
        assertThat(c.closedWithin(5000)).as(id).isTrue();
      }
    }
    everyLoopStillServesClients("after-unsub-");
    assertThat(auditedDenies("unsubscribe") - before).isEqualTo(LOOPS);
  }

  @Test
  void publish_topicOf3000Levels_closesTheConnection_andEveryLoopStillConnects() throws Exception {
    long before = auditedDenies("publish");
    for (String id : idsOnEveryLoop("deep-pub-")) {
      try (RawClient c = bob(id)) {
        c.publish(1, false, 3, DEEP_TOPIC, "x".getBytes(UTF_8));
        assertThat(c.closedWithin(5000)).as(id).isTrue();
      }
    }
    everyLoopStillServesClients("after-pub-");
    assertThat(auditedDenies("publish") - before).isEqualTo(LOOPS);
  }

  @Test
  void will_onATopicOf3000Levels_isRefusedAtConnect_andAudited() throws Exception {
    long before = auditedDenies("publish");
    for (String id : idsOnEveryLoop("deep-will-")) {
      assertThat(
              RawClient.connAckCodeFor(
                  broker.port(),
                  RawPackets.connectWithWill(
                      id, "bob", ConfigDir.password("bob"), DEEP_TOPIC, 0, false)))
          .as(id)
          .isEqualTo(5); // CONNACK not authorized
    }
    everyLoopStillServesClients("after-will-");
    assertThat(auditedDenies("publish") - before).isEqualTo(LOOPS);
  }
}

package io.mqttguard.it.hivemq;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.RawClient;
import io.mqttguard.testsupport.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 6 on HiveMQ, with the {@code config.xml} settings docs/hivemq.md recommends:
 * unauthenticated peers sending garbage, a 256 MB remaining length or plain TCP to a TLS port are
 * closed within {@code no-connect-idle-timeout} (2 s here; HiveMQ waits for the announced bytes of
 * a peer's first packet and closes it by that timeout, default 10 s), and HiveMQ logs none of them
 * at INFO or above (its stack traces for these are DEBUG).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolAbuseIT {
  static final int EVENTS = 5;

  /** The config.xml settings docs/hivemq.md recommends. */
  static final String HARDENING =
      "<mqtt><packets><max-packet-size>65536</max-packet-size></packets></mqtt>\n"
          + "<restrictions><no-connect-idle-timeout>2000</no-connect-idle-timeout>"
          + "<max-topic-length>1024</max-topic-length></restrictions>\n";

  private GuardBroker broker;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    broker =
        GuardBroker.startWithConfig(
            tmp.resolve("broker"),
            new TestPki(tmp.resolve("pki")),
            Configs.files(Configs.ACL, Configs.users("op", "op-pw", "[\"operator\"]", null)),
            HARDENING);
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private void closedPromptly(int port, byte[] bytes) throws Exception {
    try (RawClient c = RawClient.open(port)) {
      long start = System.nanoTime();
      c.sendRaw(bytes);
      assertThat(c.closedWithin(3000)).as("closed within 3 s").isTrue();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
    }
  }

  private void run(int port, byte[] bytes, String what) throws Exception {
    int before = broker.logLines().size();
    for (int i = 0; i < EVENTS; i++) {
      closedPromptly(port, bytes);
    }
    Thread.sleep(300);
    List<String> lines = broker.logLines();
    List<String> added =
        lines.subList(before, lines.size()).stream()
            .filter(l -> !l.startsWith("Started EmbeddedHiveMQ")) // start-up, may come late
            .toList();
    assertThat(added).as(what).isEmpty();
  }

  @Test
  void garbage_isClosedByTheNoConnectIdleTimeout_andNotLogged() throws Exception {
    run(
        broker.port("tcp"),
        "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        "garbage");
  }

  @Test
  void hugeRemainingLength_isClosedByTheNoConnectIdleTimeout_andNotLogged() throws Exception {
    run(broker.port("tcp"), new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}, "huge");
  }

  @Test
  void plainTcpOnTheTlsPort_isClosedAtOnce_andNotLogged() throws Exception {
    run(
        broker.port("tls"),
        new byte[] {0x10, 0x0C, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 0},
        "tls");
  }
}

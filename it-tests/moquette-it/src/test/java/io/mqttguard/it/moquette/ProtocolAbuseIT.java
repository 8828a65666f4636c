package io.mqttguard.it.moquette;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.moquette.broker.Server;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.moquette.GuardedMoquette;
import io.mqttguard.moquette.MqttGuardMoquette;
import io.mqttguard.testsupport.RawClient;
import io.mqttguard.testsupport.TestPki;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 15 item 6: unauthenticated peers sending garbage, a 256 MB remaining length or plain TCP to
 * a TLS port are closed promptly (well under Moquette's 10 s idle timeout), and each such event
 * logs at most one short line (no stack trace), rate-limited.
 */
class ProtocolAbuseIT {
  static final int EVENTS = 20;
  static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
  GuardedMoquette broker;
  TestPki tls;

  /** A broker per test: the log budget is the broker's, each test starts with a full one. */
  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    tls = new TestPki(dir);
    Path config = java.nio.file.Files.createDirectory(dir.resolve("config"));
    ConfigDir.write(config);
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("persistence_enabled", "false");
    tls.configureMoquetteTls(p);
    synchronized (LOG) {
      LOG.list.clear();
    }
    LOG.start();
    root().addAppender(LOG);
    broker =
        MqttGuardMoquette.from(config).auditSink(AuditSink.discarding()).start(new Server(), p);
  }

  @AfterEach
  void stop() {
    broker.close();
    root().detachAppender(LOG);
  }

  static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** Lines logged (a stack trace counts one line per frame, as in a log file). */
  static int loggedLines() {
    synchronized (LOG) {
      int lines = 0;
      for (ILoggingEvent e : LOG.list) {
        lines += e.getFormattedMessage().split("\n", -1).length;
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
          lines += 1 + t.getStackTraceElementProxyArray().length;
        }
      }
      return lines;
    }
  }

  static List<String> messages() {
    synchronized (LOG) {
      return LOG.list.stream()
          .map(
              e ->
                  e.getLevel()
                      + " "
                      + e.getLoggerName()
                      + " "
                      + e.getFormattedMessage()
                      + (e.getThrowableProxy() == null
                          ? ""
                          : " [throwable " + e.getThrowableProxy().getClassName() + "]"))
          .toList();
    }
  }

  /**
   * {@value #EVENTS} events log at most one line each (no stack trace), and no more than the burst
   * of the rate limit plus what refills while the test runs.
   */
  static void assertBoundedLog(String expected) {
    List<String> messages = messages();
    assertThat(messages).allSatisfy(m -> assertThat(m).doesNotContain("[throwable"));
    assertThat(loggedLines()).as(String.join("\n", messages)).isBetween(1, 15);
    assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("WARN").contains(expected));
  }

  static void assertClosedPromptly(int port, byte[] bytes) throws Exception {
    try (RawClient c = RawClient.open(port)) {
      long start = System.nanoTime();
      c.sendRaw(bytes);
      assertThat(c.closedWithin(3000)).as("closed within 3 s").isTrue();
      assertThat((System.nanoTime() - start) / 1_000_000).as("ms to close").isLessThan(3000);
    }
  }

  @Test
  void garbage_isClosedPromptly_andLogsBoundedLines() throws Exception {
    for (int i = 0; i < EVENTS; i++) {
      assertClosedPromptly(
          broker.port(),
          "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    assertBoundedLog("closed tcp connection from");
  }

  @Test
  void hugeRemainingLength_isClosedPromptly_andLogsBoundedLines() throws Exception {
    for (int i = 0; i < EVENTS; i++) {
      assertClosedPromptly(
          broker.port(), new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});
    }
    assertBoundedLog("packet larger than 65536 bytes announced");
  }

  @Test
  void plainTcpOnTheTlsPort_isClosedPromptly_andLogsBoundedLines() throws Exception {
    for (int i = 0; i < EVENTS; i++) {
      assertClosedPromptly(
          broker.sslPort(), new byte[] {0x10, 0x0C, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 0});
    }
    assertBoundedLog("closed tls connection from");
  }
}

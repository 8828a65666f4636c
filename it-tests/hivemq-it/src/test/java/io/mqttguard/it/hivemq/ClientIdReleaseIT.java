package io.mqttguard.it.hivemq;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import io.mqttguard.testsupport.Mosquitto;
import io.mqttguard.testsupport.Mqtt5TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client-ID reservation across session lifecycles (issue 15 item 3): the ID is held for the
 * session's CURRENT expiry plus the closing grace. A persistent session followed by a clean one of
 * the same user must leave the ID free for another identity bound to it once the grace has passed.
 * The grace is shortened to {@link #GRACE} for this broker through the documented system property.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientIdReleaseIT {
  static final Duration GRACE = Duration.ofSeconds(2);
  static final String GRACE_PROPERTY = "mqttguard.hivemq.closeGraceSeconds";

  /** How long after the grace a released ID may still take to become free (scheduling slack). */
  static final Duration SLACK = Duration.ofSeconds(8);

  private GuardBroker broker;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    System.setProperty(GRACE_PROPERTY, Long.toString(GRACE.toSeconds()));
    broker =
        GuardBroker.startIn(
            tmp,
            Configs.ACL,
            Configs.users(
                "alice",
                "alice-pw",
                "[\"operator\"]",
                "[\"shared-*\"]",
                "bob",
                "bob-pw",
                "[\"operator\"]",
                "[\"shared-*\"]"));
  }

  @AfterAll
  void stop() {
    System.clearProperty(GRACE_PROPERTY);
    if (broker != null) {
      broker.close();
    }
  }

  private int tcp() {
    return broker.port("tcp");
  }

  private String mqtt5(String clientId, String user, boolean persistent) {
    try (Mqtt5TestClient c = Mqtt5TestClient.create(clientId, tcp())) {
      return c.connect(
          b -> b.cleanStart(!persistent).sessionExpiryInterval(persistent ? 3600 : 0),
          user,
          user + "-pw");
    }
  }

  @Test
  void mqtt5_persistentThenCleanSession_idIsFreeForAnotherBoundIdentityAfterTheGrace()
      throws Exception {
    assertThat(mqtt5("shared-5", "alice", true)).isEqualTo("SUCCESS");
    Thread.sleep(GRACE.plusSeconds(1).toMillis());
    assertThat(mqtt5("shared-5", "bob", false))
        .as("held for the persistent session's expiry, beyond the grace")
        .isEqualTo("CLIENT_IDENTIFIER_NOT_VALID");

    assertThat(mqtt5("shared-5", "alice", false)).isEqualTo("SUCCESS"); // clean start, expiry 0

    assertThat(eventually(() -> mqtt5("shared-5", "bob", false))).isEqualTo("SUCCESS");
  }

  @Test
  void mosquittoSub_v5_persistentThenClean_idIsFreeForAnotherBoundIdentityAfterTheGrace()
      throws Exception {
    assertThat(mosquittoSub("shared-m", "alice", true).exitCode()).isZero(); // -c
    assertThat(mosquittoSub("shared-m", "alice", false).exitCode()).isZero();

    assertThat(
            eventually(
                () -> {
                  Mosquitto.Result r = mosquittoSub("shared-m", "bob", false);
                  return r.exitCode() == 0 ? "SUCCESS" : r.output();
                }))
        .isEqualTo("SUCCESS");
  }

  @Test
  void mqtt311_persistentThenCleanSession_idIsFreeForAnotherBoundIdentityAfterTheGrace() {
    assertThat(mqtt3("shared-3", "alice", false)).isEqualTo("SUCCESS");
    assertThat(mqtt3("shared-3", "alice", true)).isEqualTo("SUCCESS");

    assertThat(eventually(() -> mqtt3("shared-3", "bob", true))).isEqualTo("SUCCESS");
  }

  /** MQTT 3.1.1 CONNECT (HiveMQ client) and DISCONNECT; the CONNACK return code name. */
  private String mqtt3(String clientId, String user, boolean cleanSession) {
    Mqtt3BlockingClient c =
        Mqtt3Client.builder()
            .identifier(clientId)
            .serverHost("127.0.0.1")
            .serverPort(tcp())
            .buildBlocking();
    try {
      String code =
          c.connectWith()
              .cleanSession(cleanSession)
              .simpleAuth()
              .username(user)
              .password((user + "-pw").getBytes(UTF_8))
              .applySimpleAuth()
              .send()
              .getReturnCode()
              .name();
      c.disconnect();
      return code;
    } catch (Mqtt3ConnAckException e) {
      return e.getMqttMessage().getReturnCode().name();
    }
  }

  /** {@code mosquitto_sub -V 5 [-c] -E}: connects, subscribes, disconnects; exit 0 on success. */
  private Mosquitto.Result mosquittoSub(String clientId, String user, boolean persistent) {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "mosquitto_sub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(tcp()),
                "-V",
                "5",
                "-i",
                clientId,
                "-u",
                user,
                "-P",
                user + "-pw",
                "-t",
                "plant/x",
                "-E"));
    if (persistent) {
      cmd.add("-c");
    }
    try {
      return Mosquitto.run(cmd, 15);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Retries {@code attempt} until it answers SUCCESS, for at most the grace plus {@link #SLACK};
   * returns the last answer.
   */
  private static String eventually(Supplier<String> attempt) {
    long deadline = System.nanoTime() + GRACE.plus(SLACK).toNanos();
    String last = attempt.get();
    while (!last.equals("SUCCESS") && System.nanoTime() < deadline) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return last;
      }
      last = attempt.get();
    }
    return last;
  }
}

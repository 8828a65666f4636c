package io.mqttguard.it.moquette;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;

/** The three real clients of the scenarios: HiveMQ (MQTT 3.1.1 mode), Eclipse Paho, mosquitto. */
final class Clients {
  private Clients() {}

  /** A HiveMQ MQTT 3.1.1 client builder for plain TCP. */
  static Mqtt3BlockingClient hivemq(int port, String clientId) {
    return MqttClient.builder()
        .useMqttVersion3()
        .identifier(clientId)
        .serverHost("127.0.0.1")
        .serverPort(port)
        .buildBlocking();
  }

  /** Connects with username = password = the scenario password; returns the CONNACK code. */
  static Mqtt3ConnAckReturnCode hivemqConnect(Mqtt3BlockingClient c, String user, String password) {
    try {
      return c.connectWith()
          .simpleAuth()
          .username(user)
          .password(password.getBytes(StandardCharsets.UTF_8))
          .applySimpleAuth()
          .send()
          .getReturnCode();
    } catch (Mqtt3ConnAckException e) {
      return e.getMqttMessage().getReturnCode();
    }
  }

  /** A connected Paho (3.1.1) client. */
  static org.eclipse.paho.client.mqttv3.MqttClient paho(
      String uri, String clientId, @Nullable String user, boolean cleanSession) throws Exception {
    var c = new org.eclipse.paho.client.mqttv3.MqttClient(uri, clientId, new MemoryPersistence());
    c.setTimeToWait(5000);
    c.connect(pahoOptions(user, cleanSession));
    return c;
  }

  static MqttConnectOptions pahoOptions(@Nullable String user, boolean cleanSession) {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(cleanSession);
    o.setConnectionTimeout(5);
    if (user != null) {
      o.setUserName(user);
      o.setPassword(ConfigDir.password(user).toCharArray());
    }
    return o;
  }

  /** Result of a mosquitto command line client. */
  record Cli(int exitCode, String stdout, String stderr) {}

  /** Runs {@code mosquitto_pub}/{@code mosquitto_sub} (Debian mosquitto-clients), MQTT 3.1.1. */
  static Cli mosquitto(String tool, int port, String... args)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(tool, "-h", "127.0.0.1", "-p", String.valueOf(port), "-V", "mqttv311"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    if (!p.waitFor(15, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(tool + " did not finish: " + cmd);
    }
    return new Cli(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** Connects a Paho client with explicit options. */
  static org.eclipse.paho.client.mqttv3.MqttClient connect(
      String uri, String clientId, MqttConnectOptions o) throws Exception {
    var c = new org.eclipse.paho.client.mqttv3.MqttClient(uri, clientId, new MemoryPersistence());
    c.setTimeToWait(5000);
    try {
      c.connect(o);
    } catch (Exception e) {
      c.close();
      throw e;
    }
    return c;
  }
}

package io.mqttguard.moquette;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;

/** Small synchronous Paho (MQTT 3.1.1) helpers for tests against a real broker. */
final class Paho {
  private Paho() {}

  static MqttConnectOptions options(@Nullable String user, boolean cleanSession) {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(cleanSession);
    o.setAutomaticReconnect(false);
    o.setConnectionTimeout(5);
    if (user != null) {
      o.setUserName(user);
      o.setPassword(user.toCharArray());
    }
    return o;
  }

  static MqttClient client(String uri, String clientId) throws MqttException {
    MqttClient c = new MqttClient(uri, clientId, new MemoryPersistence());
    c.setTimeToWait(5000);
    return c;
  }

  static MqttClient connect(String uri, String clientId, MqttConnectOptions o)
      throws MqttException {
    MqttClient c = client(uri, clientId);
    c.connect(o);
    return c;
  }

  /** Subscribes and returns the received payloads ("topic=payload"). */
  static BlockingQueue<String> subscribe(MqttClient c, String filter, int qos)
      throws MqttException {
    BlockingQueue<String> q = new LinkedBlockingQueue<>();
    var unused =
        c.subscribeWithResponse(
            filter,
            qos,
            (topic, m) -> q.add(topic + "=" + new String(m.getPayload(), StandardCharsets.UTF_8)));
    return q;
  }

  static void publish(MqttClient c, String topic, String payload, int qos, boolean retain)
      throws MqttException {
    c.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain);
  }

  static @Nullable String poll(BlockingQueue<String> q, long millis) throws InterruptedException {
    return q.poll(millis, TimeUnit.MILLISECONDS);
  }
}

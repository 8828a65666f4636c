package io.mqttguard.it.moquette;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.jspecify.annotations.Nullable;

/** Collects what a Paho client receives, as {@code topic=payload}. */
final class Subscriber {
  final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final MqttClient client;

  Subscriber(MqttClient client) {
    this.client = client;
    client.setCallback(
        new org.eclipse.paho.client.mqttv3.MqttCallback() {
          @Override
          public void connectionLost(Throwable cause) {}

          @Override
          public void messageArrived(
              String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
            received.add(topic + "=" + new String(message.getPayload(), StandardCharsets.UTF_8));
          }

          @Override
          public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
        });
  }

  /** Subscribes and returns the granted QoS (128 = refused). */
  int subscribe(String filter, int qos) throws Exception {
    return client.subscribeWithResponse(filter, qos).getGrantedQos()[0];
  }

  @Nullable String next(long millis) throws InterruptedException {
    return received.poll(millis, TimeUnit.MILLISECONDS);
  }

  MqttClient client() {
    return client;
  }

  void close() throws Exception {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}

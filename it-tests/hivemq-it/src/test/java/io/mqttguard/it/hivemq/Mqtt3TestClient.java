package io.mqttguard.it.hivemq;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import java.util.List;
import java.util.stream.Collectors;

/** A real MQTT 3.1.1 client (HiveMQ MQTT client) reporting CONNACK/SUBACK return codes by name. */
final class Mqtt3TestClient implements AutoCloseable {
  private final Mqtt3BlockingClient client;

  Mqtt3TestClient(String clientId, int port) {
    client =
        Mqtt3Client.builder()
            .identifier(clientId)
            .serverHost("127.0.0.1")
            .serverPort(port)
            .buildBlocking();
  }

  /** CONNACK return code name (SUCCESS, BAD_USER_NAME_OR_PASSWORD, NOT_AUTHORIZED, ...). */
  String connect(String username, String password) {
    try {
      var b = client.connectWith().cleanSession(true);
      if (username != null) {
        var auth = b.simpleAuth().username(username);
        if (password != null) {
          auth = auth.password(password.getBytes(UTF_8));
        }
        return auth.applySimpleAuth().send().getReturnCode().name();
      }
      return b.send().getReturnCode().name();
    } catch (Mqtt3ConnAckException e) {
      return e.getMqttMessage().getReturnCode().name();
    }
  }

  List<String> subscribe(String filter) {
    try {
      return names(
          client
              .subscribeWith()
              .topicFilter(filter)
              .qos(MqttQos.AT_LEAST_ONCE)
              .send()
              .getReturnCodes());
    } catch (Mqtt3SubAckException e) {
      return names(e.getMqttMessage().getReturnCodes());
    }
  }

  private static List<String> names(List<Mqtt3SubAckReturnCode> codes) {
    return codes.stream().map(Enum::name).collect(Collectors.toList());
  }

  /** QoS 1 publish; "SUCCESS" on PUBACK, otherwise the exception's simple name. */
  String publish(String topic, String payload) {
    try {
      client
          .publishWith()
          .topic(topic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload(payload.getBytes(UTF_8))
          .send();
      return "SUCCESS";
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  Mqtt3BlockingClient.Mqtt3Publishes publishes() {
    return client.publishes(MqttGlobalPublishFilter.ALL);
  }

  boolean isConnected() {
    return client.getState().isConnected();
  }

  @Override
  public void close() {
    try {
      if (client.getState().isConnected()) {
        client.disconnect();
      }
    } catch (RuntimeException ignored) {
      // already gone
    }
  }
}

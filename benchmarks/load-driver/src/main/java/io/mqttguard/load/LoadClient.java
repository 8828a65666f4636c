package io.mqttguard.load;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connected HiveMQ MQTT client (async API) speaking MQTT 3.1.1 or 5 to {@code 127.0.0.1}.
 * Thread-safe (the HiveMQ client is); message callbacks of one client run one at a time.
 */
abstract class LoadClient implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 60;

  /** Connects (clean session) with username/password; throws if the broker refuses. */
  static LoadClient connect(Credentials login, int mqttVersion, String clientId, int port)
      throws Exception {
    LoadClient c = mqttVersion == 5 ? new V5(clientId, port) : new V3(clientId, port);
    c.connect(login);
    return c;
  }

  abstract void connect(Credentials login) throws Exception;

  /** Subscribes; throws if the broker does not grant the filter. */
  abstract void subscribe(String filter, int qos, Consumer<byte[]> onMessage) throws Exception;

  /**
   * Publishes; the future completes when the client is done with the message (QoS 0: written, QoS
   * 1: PUBACK) and fails if the broker refused it.
   */
  abstract CompletableFuture<?> publish(String topic, byte[] payload, int qos);

  @Override
  public abstract void close();

  private static final class V5 extends LoadClient {
    private final Mqtt5AsyncClient client;

    V5(String id, int port) {
      client =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier(id)
              .serverHost("127.0.0.1")
              .serverPort(port)
              .buildAsync();
    }

    @Override
    void connect(Credentials login) throws Exception {
      var unused =
          client
              .connectWith()
              .cleanStart(true)
              .simpleAuth()
              .username(login.username())
              .password(login.password().getBytes(StandardCharsets.UTF_8))
              .applySimpleAuth()
              .send()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    void subscribe(String filter, int qos, Consumer<byte[]> onMessage) throws Exception {
      Mqtt5SubAck ack =
          client
              .subscribeWith()
              .topicFilter(filter)
              .qos(MqttQos.fromCode(qos))
              .callback(p -> onMessage.accept(p.getPayloadAsBytes()))
              .send()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      for (Mqtt5SubAckReasonCode rc : ack.getReasonCodes()) {
        if (rc.isError()) {
          throw new IllegalStateException("subscribe " + filter + " refused: " + rc);
        }
      }
    }

    @Override
    CompletableFuture<?> publish(String topic, byte[] payload, int qos) {
      return client
          .publishWith()
          .topic(topic)
          .qos(MqttQos.fromCode(qos))
          .payload(payload)
          .send()
          .thenApply(
              r -> {
                if (r.getError().isPresent()) {
                  throw new IllegalStateException(r.getError().get());
                }
                return r;
              });
    }

    @Override
    public void close() {
      var unused = client.disconnect().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null);
    }
  }

  private static final class V3 extends LoadClient {
    private final Mqtt3AsyncClient client;

    V3(String id, int port) {
      client =
          MqttClient.builder()
              .useMqttVersion3()
              .identifier(id)
              .serverHost("127.0.0.1")
              .serverPort(port)
              .buildAsync();
    }

    @Override
    void connect(Credentials login) throws Exception {
      var unused =
          client
              .connectWith()
              .cleanSession(true)
              .simpleAuth()
              .username(login.username())
              .password(login.password().getBytes(StandardCharsets.UTF_8))
              .applySimpleAuth()
              .send()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      // Moquette 0.17 marks a connection usable only in a listener of its CONNACK write and closes
      // connections whose next packet arrives earlier: give it a moment (setup only, not measured).
      Thread.sleep(200);
    }

    @Override
    void subscribe(String filter, int qos, Consumer<byte[]> onMessage) throws Exception {
      Mqtt3SubAck ack =
          client
              .subscribeWith()
              .topicFilter(filter)
              .qos(MqttQos.fromCode(qos))
              .callback(p -> onMessage.accept(p.getPayloadAsBytes()))
              .send()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      for (Mqtt3SubAckReturnCode rc : ack.getReturnCodes()) {
        if (rc.isError()) {
          throw new IllegalStateException("subscribe " + filter + " refused: " + rc);
        }
      }
    }

    @Override
    CompletableFuture<?> publish(String topic, byte[] payload, int qos) {
      return client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send();
    }

    @Override
    public void close() {
      var unused = client.disconnect().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null);
    }
  }
}

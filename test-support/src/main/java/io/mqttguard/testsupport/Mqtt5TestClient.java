package io.mqttguard.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A real MQTT 5 client (HiveMQ MQTT client) that reports what it sees as reason-code names, so that
 * tests assert on the wire-level outcome: CONNACK, SUBACK, PUBACK, DISCONNECT, received messages.
 */
public final class Mqtt5TestClient implements AutoCloseable {
  private final Mqtt5BlockingClient client;
  private final Mqtt5BlockingClient.Mqtt5Publishes publishes;
  private final CompletableFuture<String> disconnect = new CompletableFuture<>();
  private String connack = "NOT_CONNECTED";

  private Mqtt5TestClient(Mqtt5ClientBuilder builder) {
    this.client = builder.addDisconnectedListener(this::onDisconnected).buildBlocking();
    this.publishes = client.publishes(MqttGlobalPublishFilter.ALL);
  }

  public static Mqtt5TestClient create(String clientId, int port) {
    return new Mqtt5TestClient(base(clientId, port));
  }

  public static Mqtt5TestClient create(
      String clientId, int port, UnaryOperator<MqttClientSslConfigBuilder> tls) {
    Mqtt5ClientBuilder b = base(clientId, port);
    return new Mqtt5TestClient(
        b.sslConfig(tls.apply(com.hivemq.client.mqtt.MqttClientSslConfig.builder()).build()));
  }

  private static Mqtt5ClientBuilder base(String clientId, int port) {
    return Mqtt5Client.builder().identifier(clientId).serverHost("127.0.0.1").serverPort(port);
  }

  private void onDisconnected(MqttClientDisconnectedContext ctx) {
    Throwable cause = ctx.getCause();
    if (cause instanceof Mqtt5DisconnectException d) {
      disconnect.complete(d.getMqttMessage().getReasonCode().name());
    } else if (cause instanceof Mqtt5ConnAckException) {
      disconnect.complete("CONNACK");
    } else {
      disconnect.complete(cause.getClass().getSimpleName());
    }
  }

  /** Connects with username/password (either may be null) and returns the CONNACK reason name. */
  public String connect(@Nullable String username, @Nullable String password) {
    return connect(b -> b, username, password);
  }

  public String connect(
      UnaryOperator<Mqtt5ConnectBuilder.Send<?>> extra,
      @Nullable String username,
      @Nullable String password) {
    Mqtt5ConnectBuilder.Send<com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck> b =
        client.connectWith().cleanStart(true);
    if (username != null || password != null) {
      b = b.simpleAuth(simpleAuth(username, password));
    }
    @SuppressWarnings("unchecked")
    Mqtt5ConnectBuilder.Send<com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck>
        built =
            (Mqtt5ConnectBuilder.Send<
                    com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck>)
                extra.apply(b);
    try {
      connack = built.send().getReasonCode().name();
    } catch (Mqtt5ConnAckException e) {
      connack = e.getMqttMessage().getReasonCode().name();
    }
    return connack;
  }

  private static com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth simpleAuth(
      @Nullable String username, @Nullable String password) {
    var builder = com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth.builder();
    if (username == null) {
      return builder.password(Objects.requireNonNull(password).getBytes(UTF_8)).build();
    }
    var withUser = builder.username(username);
    return (password == null ? withUser : withUser.password(password.getBytes(UTF_8))).build();
  }

  /** SUBSCRIBE with QoS 1; returns the SUBACK reason names. */
  public List<String> subscribe(String filter) {
    try {
      Mqtt5SubAck ack =
          client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
      return names(ack.getReasonCodes());
    } catch (Mqtt5SubAckException e) {
      return names(e.getMqttMessage().getReasonCodes());
    }
  }

  private static List<String> names(List<Mqtt5SubAckReasonCode> codes) {
    return codes.stream().map(Enum::name).collect(Collectors.toList());
  }

  /** QoS 1 PUBLISH; returns the PUBACK reason name, or the exception's simple name. */
  public String publish(String topic, byte[] payload, boolean retain) {
    try {
      Mqtt5PublishResult r =
          client
              .publishWith()
              .topic(topic)
              .qos(MqttQos.AT_LEAST_ONCE)
              .retain(retain)
              .payload(payload)
              .send();
      if (r instanceof Mqtt5PublishResult.Mqtt5Qos1Result q1) {
        return q1.getPubAck().getReasonCode().name();
      }
      return r.getError().map(t -> t.getClass().getSimpleName()).orElse("SUCCESS");
    } catch (Mqtt5PubAckException e) {
      return e.getMqttMessage().getReasonCode().name();
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  public String publish(String topic, String payload) {
    return publish(topic, payload.getBytes(UTF_8), false);
  }

  /**
   * QoS 1 PUBLISH; returns the PUBACK reason name and, if the broker sent one, a space and its
   * reason string (or the exception's simple name).
   */
  public String publishForReason(String topic, String payload) {
    try {
      Mqtt5PublishResult r =
          client
              .publishWith()
              .topic(topic)
              .qos(MqttQos.AT_LEAST_ONCE)
              .payload(payload.getBytes(UTF_8))
              .send();
      if (r instanceof Mqtt5PublishResult.Mqtt5Qos1Result q1) {
        var ack = q1.getPubAck();
        return ack.getReasonCode().name()
            + ack.getReasonString().map(s -> " " + s.toString()).orElse("");
      }
      return r.getError().map(t -> t.getClass().getSimpleName()).orElse("SUCCESS");
    } catch (Mqtt5PubAckException e) {
      var ack = e.getMqttMessage();
      return ack.getReasonCode().name()
          + ack.getReasonString().map(s -> " " + s.toString()).orElse("");
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  /** The next message received within {@code wait}. */
  public Optional<Mqtt5Publish> receive(Duration wait) {
    try {
      return publishes.receive(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** {@code topic=payload} of the live (not retained) messages that arrive within {@code wait}. */
  public List<String> receiveAll(Duration wait) {
    return receive(wait, false);
  }

  /**
   * {@code topic=payload} of all messages, retained ones included, arriving within {@code wait}.
   */
  public List<String> receiveAllIncludingRetained(Duration wait) {
    return receive(wait, true);
  }

  private List<String> receive(Duration wait, boolean retained) {
    List<String> got = new java.util.ArrayList<>();
    long end = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return got;
      }
      Optional<Mqtt5Publish> p = receive(Duration.ofNanos(left));
      p.filter(m -> retained || !m.isRetain())
          .ifPresent(m -> got.add(m.getTopic() + "=" + new String(m.getPayloadAsBytes(), UTF_8)));
    }
  }

  /**
   * How the server disconnected this client (DISCONNECT reason name), waiting up to {@code wait}.
   */
  public Optional<String> disconnectReason(Duration wait) {
    try {
      return Optional.of(disconnect.get(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** Sends DISCONNECT with {@code code} (e.g. DISCONNECT_WITH_WILL_MESSAGE). */
  public void disconnectWith(
      com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode code) {
    client.disconnectWith().reasonCode(code).send();
  }

  public boolean isConnected() {
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
    publishes.close();
  }
}

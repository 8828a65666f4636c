package io.mqttguard.hivemq;

import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.client.parameter.Listener;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.TlsFacts;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Pure translations of HiveMQ inputs into core request records. Stateless and thread-safe; never
 * reads configuration.
 */
final class HiveMqRequests {
  /** Name used for a connection whose listener HiveMQ does not report. */
  static final String UNKNOWN_LISTENER = "";

  private HiveMqRequests() {}

  /** The CONNECT as the core sees it; the password bytes are copied out of HiveMQ's buffer. */
  static ConnectRequest connectRequest(SimpleAuthInput input) {
    ConnectPacket connect = input.getConnectPacket();
    ConnectionInformation connection = input.getConnectionInformation();
    byte[] password = connect.getPassword().map(HiveMqRequests::bytes).orElse(null);
    try {
      return new ConnectRequest(
          input.getClientInformation().getClientId(),
          connect.getUserName().orElse(null),
          password,
          listener(connection),
          connection.getInetAddress().map(InetAddress::getHostAddress).orElse(null),
          tlsFacts(connection),
          mqttVersion(connect.getMqttVersion()));
    } finally {
      if (password != null) {
        Arrays.fill(password, (byte) 0);
      }
    }
  }

  /** The listener name from HiveMQ's config.xml, as used in {@code guard.json}. */
  static String listener(ConnectionInformation connection) {
    return connection.getListener().map(Listener::getName).orElse(UNKNOWN_LISTENER);
  }

  /**
   * TLS facts from {@code getClientTlsInformation()} (present on TLS listeners even without a
   * cert).
   */
  static @Nullable TlsFacts tlsFacts(ConnectionInformation connection) {
    Optional<ClientTlsInformation> tls = connection.getClientTlsInformation();
    if (tls.isEmpty()) {
      return null;
    }
    ClientTlsInformation t = tls.get();
    List<X509Certificate> chain =
        t.getClientCertificateChain()
            .map(List::of)
            .or(() -> t.getClientCertificate().map(List::of))
            .orElse(List.of());
    return new TlsFacts(t.getProtocol(), t.getCipherSuite(), chain);
  }

  /** 3 (3.1), 4 (3.1.1) or 5. */
  static int mqttVersion(MqttVersion version) {
    switch (version) {
      case V_3_1:
        return 3;
      case V_3_1_1:
        return 4;
      case V_5:
        return 5;
    }
    return 5;
  }

  /**
   * How long the client ID stays reserved after the connection ends: the MQTT 5 session expiry,
   * zero for a 3.x clean session. HiveMQ maps 3.x persistent sessions to the maximum expiry.
   */
  static Duration sessionExpiry(ConnectPacket connect) {
    if (connect.getMqttVersion() != MqttVersion.V_5 && connect.getCleanStart()) {
      return Duration.ZERO;
    }
    return Duration.ofSeconds(Math.max(0, connect.getSessionExpiryInterval()));
  }

  /** Copies the readable bytes without moving the buffer's position. */
  static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.asReadOnlyBuffer();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}

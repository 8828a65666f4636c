package io.mqttguard.moquette;

import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.TlsFacts;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/** Translates a Netty CONNECT into a core request and back into the CONNECT Moquette sees. */
final class ConnectRewriter {
  private static final byte[] NO_PASSWORD = new byte[0];

  private ConnectRewriter() {}

  /** The core's view of this CONNECT on {@code channel}'s exact TLS session and peer address. */
  static ConnectRequest toRequest(MqttConnectMessage connect, Channel channel, String listener) {
    MqttConnectVariableHeader vh = connect.variableHeader();
    MqttConnectPayload p = connect.payload();
    return new ConnectRequest(
        p.clientIdentifier() == null ? "" : p.clientIdentifier(),
        vh.hasUserName() ? p.userName() : null,
        vh.hasPassword() ? p.passwordInBytes() : null,
        listener,
        remoteAddress(channel.remoteAddress()),
        tlsFacts(channel),
        vh.version());
  }

  /**
   * The CONNECT forwarded to Moquette: the username is the admitted principal (so certificate-only
   * clients pass Moquette's anonymous check), the password is empty (Moquette and its interceptors
   * never see the real one), and there is no will: the hook owns wills ({@link Wills}), so that
   * Moquette can never publish the will of a revoked client.
   */
  static MqttConnectMessage forMoquette(MqttConnectMessage connect, String principal) {
    MqttConnectVariableHeader vh = connect.variableHeader();
    MqttConnectPayload p = connect.payload();
    MqttConnectVariableHeader header =
        new MqttConnectVariableHeader(
            vh.name(),
            vh.version(),
            true,
            true,
            false,
            0,
            false,
            vh.isCleanSession(),
            vh.keepAliveTimeSeconds(),
            MqttProperties.NO_PROPERTIES);
    MqttConnectPayload payload =
        new MqttConnectPayload(
            p.clientIdentifier(),
            MqttProperties.NO_PROPERTIES,
            null,
            (byte[]) null,
            principal,
            NO_PASSWORD);
    return new MqttConnectMessage(connect.fixedHeader(), header, payload);
  }

  private static @Nullable String remoteAddress(@Nullable SocketAddress address) {
    if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return null;
  }

  /** The negotiated TLS facts of exactly this channel, or null for a plaintext connection. */
  static @Nullable TlsFacts tlsFacts(Channel channel) {
    SslHandler ssl = channel.pipeline().get(SslHandler.class);
    if (ssl == null) {
      return null;
    }
    SSLSession session = ssl.engine().getSession();
    List<X509Certificate> chain = new ArrayList<>();
    try {
      for (Certificate c : session.getPeerCertificates()) {
        if (c instanceof X509Certificate x) {
          chain.add(x);
        }
      }
    } catch (SSLPeerUnverifiedException e) {
      chain.clear(); // no client certificate
    }
    return new TlsFacts(session.getProtocol(), session.getCipherSuite(), chain);
  }
}

package io.mqttguard.it.hivemq;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * A minimal MQTT 3.1.1 client on a raw socket, for exact packet timing: CONNECT, then a QoS 0
 * PUBLISH and DISCONNECT written back to back, then close (what {@code mosquitto_pub -m x} does).
 */
final class RawMqtt311 {
  private RawMqtt311() {}

  /** Connects, publishes once with QoS 0, disconnects at once; returns the CONNACK return code. */
  static int publishQos0AndDisconnect(
      int port, String clientId, String user, String password, String topic, String message)
      throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      out.write(packet(0x10, connectBody(clientId, user, password)));
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] connack = new byte[4];
      in.readFully(connack);
      if (connack[3] != 0) {
        return connack[3];
      }
      ByteArrayOutputStream both = new ByteArrayOutputStream();
      ByteArrayOutputStream publish = new ByteArrayOutputStream();
      string(publish, topic);
      publish.write(message.getBytes(UTF_8));
      both.write(packet(0x30, publish.toByteArray()));
      both.write(new byte[] {(byte) 0xE0, 0});
      out.write(both.toByteArray());
      out.flush();
      return 0;
    }
  }

  private static byte[] connectBody(String clientId, String user, String password)
      throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    string(b, "MQTT");
    b.write(4); // protocol level 3.1.1
    b.write(0xC2); // user name, password, clean session
    b.write(new byte[] {0, 60}); // keep alive
    string(b, clientId);
    string(b, user);
    string(b, password);
    return b.toByteArray();
  }

  private static void string(ByteArrayOutputStream b, String s) throws IOException {
    byte[] bytes = s.getBytes(UTF_8);
    b.write(bytes.length >> 8);
    b.write(bytes.length & 0xFF);
    b.write(bytes);
  }

  private static byte[] packet(int header, byte[] body) throws IOException {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(header);
    int len = body.length;
    do {
      int digit = len % 128;
      len /= 128;
      p.write(len > 0 ? digit | 0x80 : digit);
    } while (len > 0);
    p.write(body);
    return p.toByteArray();
  }
}

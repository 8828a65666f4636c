package io.mqttguard.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * Hand-built MQTT packets for cases real clients will not produce (a will on a 3.1.1 CONNECT, a
 * SUBSCRIBE written in the same segment as its CONNECT, a PUBLISH and DISCONNECT back to back), and
 * the MQTT wire encoding {@link RawClient} shares. Stateless; thread-safe.
 */
public final class RawPackets {
  private RawPackets() {}

  /** A 3.1.1 CONNECT with username = password = {@code user} and a QoS 1 will "gone". */
  public static byte[] connectWithWill(String clientId, String user, String willTopic) {
    return connectWithWill(clientId, user, willTopic, false);
  }

  /** As {@link #connectWithWill(String, String, String)}, with the will's retain flag. */
  public static byte[] connectWithWill(
      String clientId, String user, String willTopic, boolean retain) {
    return connectWithWill(clientId, user, user, willTopic, 1, retain);
  }

  /** A 3.1.1 CONNECT (clean session) with user name, password and a will "gone" of {@code qos}. */
  public static byte[] connectWithWill(
      String clientId, String user, String password, String willTopic, int qos, boolean retain) {
    return connectWithWill(
        clientId, user, password, willTopic, "gone".getBytes(UTF_8), qos, retain);
  }

  /** A 3.1.1 CONNECT (clean session) with user name, password and a will of {@code qos}. */
  public static byte[] connectWithWill(
      String clientId,
      String user,
      String password,
      String willTopic,
      byte[] willPayload,
      int qos,
      boolean retain) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    string(body, "MQTT");
    body.write(4);
    body.write((retain ? 0x20 : 0) | 0x80 | 0x40 | (qos << 3) | 0x04 | 0x02); // user, pw, will
    body.write(0);
    body.write(60);
    string(body, clientId);
    string(body, willTopic);
    body.write(willPayload.length >> 8);
    body.write(willPayload.length & 0xff);
    body.writeBytes(willPayload);
    string(body, user);
    string(body, password);
    return packet(0x10, body.toByteArray());
  }

  /** A 3.1.1 CONNECT (username = password = {@code user}) directly followed by a SUBSCRIBE. */
  public static byte[] connectThenSubscribe(String clientId, String user, String filter) {
    ByteArrayOutputStream sub = new ByteArrayOutputStream();
    sub.write(0);
    sub.write(7); // packet id 7
    string(sub, filter);
    sub.write(1);
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(packet(0x10, connect311Body(clientId, user, user)));
    both.writeBytes(packet(0x82, sub.toByteArray()));
    return both.toByteArray();
  }

  /** An MQTT 5 CONNECT without credentials. */
  public static byte[] connectV5(String clientId) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    string(body, "MQTT");
    body.write(5);
    body.write(0x02);
    body.write(0);
    body.write(60);
    body.write(0); // no properties
    string(body, clientId);
    return packet(0x10, body.toByteArray());
  }

  /** A DISCONNECT packet. */
  public static byte[] disconnect() {
    return new byte[] {(byte) 0xE0, 0};
  }

  /** Reads a SUBACK and returns its first return code. */
  public static int readSubAckCode(InputStream in) throws IOException {
    int type = in.read();
    if (type != 0x90) {
      throw new IOException("expected SUBACK, got " + type);
    }
    int len = in.read();
    byte[] rest = in.readNBytes(len);
    return rest[2] & 0xff;
  }

  /** Reads a CONNACK (3.1.1 or 5 framing) and returns its return/reason code. */
  public static int readConnAckCode(InputStream in) throws IOException {
    int type = in.read();
    if (type != 0x20) {
      throw new IOException("expected CONNACK, got " + type);
    }
    int len = in.read();
    byte[] rest = in.readNBytes(len);
    return rest[1] & 0xff;
  }

  /**
   * Over a new 3.1.1 connection (clean session, user name and password): CONNECT, then a QoS 0
   * PUBLISH and DISCONNECT written back to back, then close (what {@code mosquitto_pub -m x} does).
   * Returns the CONNACK return code; publishes only if it is 0.
   */
  public static int publishQos0AndDisconnect(
      int port, String clientId, String user, String password, String topic, String message)
      throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      out.write(packet(0x10, connect311Body(clientId, user, password)));
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] connack = new byte[4];
      in.readFully(connack);
      if (connack[3] != 0) {
        return connack[3];
      }
      ByteArrayOutputStream publish = new ByteArrayOutputStream();
      string(publish, topic);
      publish.writeBytes(message.getBytes(UTF_8));
      ByteArrayOutputStream both = new ByteArrayOutputStream();
      both.writeBytes(packet(0x30, publish.toByteArray()));
      both.writeBytes(disconnect());
      out.write(both.toByteArray());
      out.flush();
      return 0;
    }
  }

  /** A 3.1.1 CONNECT body: clean session, keep-alive 60 s, user name and password. */
  private static byte[] connect311Body(String clientId, String user, String password) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    string(b, "MQTT");
    b.write(4); // protocol level 3.1.1
    b.write(0x80 | 0x40 | 0x02); // user name, password, clean session
    b.write(0);
    b.write(60); // keep alive
    string(b, clientId);
    string(b, user);
    string(b, password);
    return b.toByteArray();
  }

  /** Writes {@code s} as an MQTT UTF-8 string (two-byte length, then the bytes). */
  static void string(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(UTF_8);
    out.write(b.length >> 8);
    out.write(b.length & 0xff);
    out.writeBytes(b);
  }

  /** A packet: the first header byte, the remaining length (variable byte integer), the body. */
  static byte[] packet(int header, byte[] body) {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(header);
    int len = body.length;
    do {
      int digit = len % 128;
      len /= 128;
      p.write(len > 0 ? digit | 0x80 : digit);
    } while (len > 0);
    p.writeBytes(body);
    return p.toByteArray();
  }
}

package io.mqttguard.moquette;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Hand-built MQTT packets for cases real clients will not produce. */
final class RawMqtt {
  private RawMqtt() {}

  /** A 3.1.1 CONNECT with username = password = {@code user} and a QoS 1 will "gone". */
  static byte[] connectWithWill(String clientId, String user, String willTopic) {
    return connectWithWill(clientId, user, willTopic, false);
  }

  /** As {@link #connectWithWill(String, String, String)}, with the will's retain flag. */
  static byte[] connectWithWill(String clientId, String user, String willTopic, boolean retain) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    str(body, "MQTT");
    body.write(4);
    body.write((retain ? 0x20 : 0) | 0x80 | 0x40 | 0x08 | 0x04 | 0x02); // user, pw, will QoS 1
    body.write(0);
    body.write(60);
    str(body, clientId);
    str(body, willTopic);
    str(body, "gone");
    str(body, user);
    str(body, user);
    return packet(0x10, body.toByteArray());
  }

  /** A 3.1.1 CONNECT (username = password = {@code user}) directly followed by a SUBSCRIBE. */
  static byte[] connectThenSubscribe(String clientId, String user, String filter) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    str(body, "MQTT");
    body.write(4);
    body.write(0x80 | 0x40 | 0x02);
    body.write(0);
    body.write(60);
    str(body, clientId);
    str(body, user);
    str(body, user);
    ByteArrayOutputStream sub = new ByteArrayOutputStream();
    sub.write(0);
    sub.write(7); // packet id 7
    str(sub, filter);
    sub.write(1);
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(packet(0x10, body.toByteArray()));
    both.writeBytes(packet(0x82, sub.toByteArray()));
    return both.toByteArray();
  }

  /** Reads a SUBACK and returns its first return code. */
  static int readSubAckCode(InputStream in) throws IOException {
    int type = in.read();
    if (type != 0x90) {
      throw new IOException("expected SUBACK, got " + type);
    }
    int len = in.read();
    byte[] rest = in.readNBytes(len);
    return rest[2] & 0xff;
  }

  /** An MQTT 5 CONNECT without credentials. */
  static byte[] connectV5(String clientId) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    str(body, "MQTT");
    body.write(5);
    body.write(0x02);
    body.write(0);
    body.write(60);
    body.write(0); // no properties
    str(body, clientId);
    return packet(0x10, body.toByteArray());
  }

  /** Reads a CONNACK (3.1.1 or 5 framing) and returns its return/reason code. */
  /** A DISCONNECT packet. */
  static byte[] disconnect() {
    return new byte[] {(byte) 0xE0, 0};
  }

  static int readConnAckCode(InputStream in) throws IOException {
    int type = in.read();
    if (type != 0x20) {
      throw new IOException("expected CONNACK, got " + type);
    }
    int len = in.read();
    byte[] rest = in.readNBytes(len);
    return rest[1] & 0xff;
  }

  private static void str(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b.length >> 8);
    out.write(b.length & 0xff);
    out.writeBytes(b);
  }

  private static byte[] packet(int header, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header);
    out.write(body.length); // bodies here are < 128 bytes
    out.writeBytes(body);
    return out.toByteArray();
  }
}

package io.mqttguard.it.moquette;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A minimal MQTT 3.1.1 client on a raw socket, to send exactly the bytes an attacker would (filters
 * of thousands of levels, garbage, huge remaining lengths) and read the broker's answers packet by
 * packet. Not thread-safe.
 */
final class RawSocketClient implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  private RawSocketClient(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(10_000);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
  }

  /** A TCP connection on which nothing was sent yet. */
  static RawSocketClient open(int port) throws IOException {
    return new RawSocketClient(port);
  }

  /** Connects with a clean session; returns the CONNACK return code. */
  static RawSocketClient connected(int port, String clientId, String user, String password)
      throws IOException {
    RawSocketClient c = new RawSocketClient(port);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    string(b, "MQTT");
    b.write(4); // protocol level 3.1.1
    b.write(0xC2); // user name, password, clean session
    b.write(new byte[] {0, 60}); // keep alive
    string(b, clientId);
    string(b, user);
    string(b, password);
    c.send(packet(0x10, b.toByteArray()));
    byte[] connack = c.read();
    if (connack[0] != 0x20 || connack[connack.length - 1] != 0) {
      c.close();
      throw new IOException("CONNACK refused: return code " + connack[connack.length - 1]);
    }
    return c;
  }

  /** CONNECT with a QoS 0 will on {@code willTopic}; returns the CONNACK return code. */
  static int connectWithWill(
      int port, String clientId, String user, String password, String willTopic)
      throws IOException {
    try (RawSocketClient c = new RawSocketClient(port)) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      string(b, "MQTT");
      b.write(4); // protocol level 3.1.1
      b.write(0xC6); // user name, password, will (QoS 0), clean session
      b.write(new byte[] {0, 60}); // keep alive
      string(b, clientId);
      string(b, willTopic);
      string(b, "gone");
      string(b, user);
      string(b, password);
      c.send(packet(0x10, b.toByteArray()));
      byte[] connack = c.read();
      return connack[connack.length - 1];
    }
  }

  /** SUBSCRIBE one filter at QoS 1 (packet ID 1); returns the SUBACK return code. */
  int subscribe(String filter) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {0, 1});
    string(b, filter);
    b.write(1);
    send(packet(0x82, b.toByteArray()));
    byte[] suback = read();
    if ((suback[0] & 0xF0) != 0x90) {
      throw new IOException("expected SUBACK, got packet type " + (suback[0] & 0xF0));
    }
    return suback[suback.length - 1] & 0xFF;
  }

  /** Sends UNSUBSCRIBE of one filter (packet ID 2) without waiting for an answer. */
  void sendUnsubscribe(String filter) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {0, 2});
    string(b, filter);
    send(packet(0xA2, b.toByteArray()));
  }

  /** Sends a QoS 1 PUBLISH (packet ID 3) without waiting for an answer. */
  void sendPublishQos1(String topic, String message) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    string(b, topic);
    b.write(new byte[] {0, 3});
    b.write(message.getBytes(UTF_8));
    send(packet(0x32, b.toByteArray()));
  }

  /** Writes raw bytes. */
  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads one packet (fixed header byte, then the body), failing on end of stream. */
  byte[] read() throws IOException {
    int header = in.readUnsignedByte();
    int length = 0;
    int multiplier = 1;
    int digit;
    do {
      digit = in.readUnsignedByte();
      length += (digit & 0x7F) * multiplier;
      multiplier *= 128;
    } while ((digit & 0x80) != 0);
    byte[] p = new byte[1 + length];
    p[0] = (byte) header;
    in.readFully(p, 1, length);
    return p;
  }

  /**
   * Waits up to {@code millis} for the broker to close the connection (packets sent before are
   * skipped).
   *
   * @return true if the stream ended in time; false if it was still open
   */
  boolean closedWithin(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      while (in.read() >= 0) {
        // skip whatever the broker answered before closing
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the broker
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  static void string(ByteArrayOutputStream b, String s) throws IOException {
    byte[] bytes = s.getBytes(UTF_8);
    b.write(bytes.length >> 8);
    b.write(bytes.length & 0xFF);
    b.write(bytes);
  }

  static byte[] packet(int header, byte[] body) throws IOException {
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

package io.mqttguard.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * An MQTT client on a raw socket (3.1.1, or 5 with {@code version = 5}), for packet sequences real
 * clients cannot be told to produce: one SUBSCRIBE with a repeated filter, a PUBLISH resent with
 * DUP=1 after the connection was dropped before the acknowledgement. Not thread-safe.
 */
public final class RawClient implements AutoCloseable {
  /** One received packet: the first header byte and the body after the remaining length. */
  @SuppressWarnings("ArrayRecordComponent") // a read-only view for assertions
  public record Packet(int header, byte[] body) {
    /** The MQTT control packet type (1 = CONNECT ... 14 = DISCONNECT). */
    public int type() {
      return header >> 4;
    }

    /** The packet identifier at the start of the body (PUBACK, SUBACK, ...). */
    public int packetId() {
      return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final int version;

  /** The CONNACK return/reason code (0 = accepted); -1 if {@link #open opened} without CONNECT. */
  public final int connAckCode;

  private RawClient(Socket socket, int version, byte @Nullable [] connect) throws IOException {
    this.socket = socket;
    this.version = version;
    socket.setSoTimeout(5_000);
    socket.setTcpNoDelay(true);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    if (connect == null) {
      connAckCode = -1;
      return;
    }
    sendRaw(connect);
    Packet connAck = read();
    if (connAck == null || connAck.type() != 2) {
      throw new IOException("no CONNACK: " + connAck);
    }
    connAckCode = connAck.body()[1] & 0xFF;
  }

  /** Connects with user name and password; the session persists unless {@code clean}. */
  public static RawClient connect(
      int port, int version, String clientId, String user, String password, boolean clean)
      throws IOException {
    return new RawClient(
        loopback(port),
        version,
        RawPackets.packet(0x10, connectBody(version, clientId, user, password, clean)));
  }

  /**
   * Sends {@code connectPacket} (a hand-built 3.1.1 CONNECT, e.g. {@link
   * RawPackets#connectWithWill}) on a new connection, closes it, and returns the CONNACK code.
   */
  public static int connAckCodeFor(int port, byte[] connectPacket) throws IOException {
    try (RawClient c = new RawClient(loopback(port), 4, connectPacket)) {
      return c.connAckCode;
    }
  }

  /** A 3.1.1 TCP connection on which nothing was sent yet ({@link #connAckCode} is -1). */
  public static RawClient open(int port) throws IOException {
    return new RawClient(loopback(port), 4, null);
  }

  private static Socket loopback(int port) throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), port);
  }

  /** This client if its CONNECT was accepted; else closes it and fails with the return code. */
  public RawClient accepted() throws IOException {
    if (connAckCode != 0) {
      close();
      throw new IOException("CONNACK refused: return code " + connAckCode);
    }
    return this;
  }

  private static byte[] connectBody(
      int version, String clientId, String user, String password, boolean clean)
      throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    string(b, "MQTT");
    b.write(version);
    b.write(0xC0 | (clean ? 0x02 : 0)); // user name, password
    b.write(new byte[] {0, 60});
    if (version == 5) { // session expiry interval: 0 for clean, else one hour
      b.write(clean ? new byte[] {0} : new byte[] {5, 0x11, 0, 0, 0x0E, 0x10});
    }
    string(b, clientId);
    string(b, user);
    string(b, password);
    return b.toByteArray();
  }

  /** Sends one SUBSCRIBE (filter, QoS pairs) and returns the SUBACK's codes, in order. */
  public int[] subscribe(int packetId, Object... filtersAndQos) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {(byte) (packetId >> 8), (byte) packetId});
    properties(b);
    for (int i = 0; i < filtersAndQos.length; i += 2) {
      string(b, (String) filtersAndQos[i]);
      b.write((Integer) filtersAndQos[i + 1]);
    }
    send(0x82, b.toByteArray());
    Packet subAck = next(9);
    int from = 2 + (version == 5 ? 1 + subAck.body()[2] : 0);
    int[] codes = new int[subAck.body().length - from];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = subAck.body()[from + i] & 0xFF;
    }
    return codes;
  }

  /** Sends one PUBLISH. */
  public void publish(int qos, boolean dup, int packetId, String topic, byte[] payload)
      throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    string(b, topic);
    if (qos > 0) {
      b.write(new byte[] {(byte) (packetId >> 8), (byte) packetId});
    }
    properties(b);
    b.write(payload);
    send(0x30 | (dup ? 0x08 : 0) | (qos << 1), b.toByteArray());
  }

  /** Sends one UNSUBSCRIBE of {@code filters} without waiting for the UNSUBACK. */
  public void sendUnsubscribe(int packetId, String... filters) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {(byte) (packetId >> 8), (byte) packetId});
    properties(b);
    for (String filter : filters) {
      string(b, filter);
    }
    send(0xA2, b.toByteArray());
  }

  /** Sends PUBREL (QoS 2, step 3). */
  public void pubRel(int packetId) throws IOException {
    send(0x62, new byte[] {(byte) (packetId >> 8), (byte) packetId});
  }

  /** Sends PUBACK for a received QoS 1 PUBLISH. */
  public void pubAck(int packetId) throws IOException {
    send(0x40, new byte[] {(byte) (packetId >> 8), (byte) packetId});
  }

  /** The next packet of {@code type}, skipping others; fails if none comes in time. */
  public Packet next(int type) throws IOException {
    for (Packet p = read(); p != null; p = read()) {
      if (p.type() == type) {
        return p;
      }
    }
    throw new IOException("no packet of type " + type + " (connection closed or timed out)");
  }

  /** The first header byte of the next packet, whatever its type; fails if none comes in time. */
  public int nextHeader() throws IOException {
    Packet p = read();
    if (p == null) {
      throw new IOException("no packet (connection closed or timed out)");
    }
    return p.header();
  }

  /** The next packet, or {@code null} if the connection was closed or nothing came in time. */
  public @Nullable Packet read() throws IOException {
    try {
      int header = in.read();
      if (header < 0) {
        return null;
      }
      int len = 0;
      int shift = 0;
      int digit;
      do {
        digit = in.readUnsignedByte();
        len |= (digit & 0x7F) << shift;
        shift += 7;
      } while ((digit & 0x80) != 0);
      byte[] body = new byte[len];
      in.readFully(body);
      return new Packet(header, body);
    } catch (SocketTimeoutException | EOFException e) {
      return null;
    } catch (IOException e) {
      return null; // reset by the broker
    }
  }

  /** Whether the broker closed the connection within the socket timeout. */
  public boolean closedByBroker() throws IOException {
    for (Packet p = read(); p != null; p = read()) {
      // drain
    }
    try {
      out.write(new byte[] {(byte) 0xC0, 0}); // PINGREQ: a closed connection fails or reads EOF
      out.flush();
      return in.read() < 0;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Waits up to {@code millis} for the broker to close the connection (packets sent before are
   * skipped).
   *
   * @return true if the stream ended in time; false if it was still open
   */
  public boolean closedWithin(int millis) throws IOException {
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

  /** A PUBLISH body's topic and payload as {@code topic=payload} (and its QoS). */
  public String text(Packet publish) {
    byte[] b = publish.body();
    int topicLen = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    String topic = new String(b, 2, topicLen, UTF_8);
    int at = payloadOffset(publish);
    return topic + "=" + new String(b, at, b.length - at, UTF_8);
  }

  /** The payload bytes of a PUBLISH this client received. */
  public byte[] payload(Packet publish) {
    byte[] b = publish.body();
    return java.util.Arrays.copyOfRange(b, payloadOffset(publish), b.length);
  }

  private int payloadOffset(Packet publish) {
    byte[] b = publish.body();
    int topicLen = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    int at = 2 + topicLen + (((publish.header() >> 1) & 3) > 0 ? 2 : 0);
    if (version == 5) {
      at += 1 + b[at];
    }
    return at;
  }

  private void properties(ByteArrayOutputStream b) {
    if (version == 5) {
      b.write(0);
    }
  }

  private void send(int header, byte[] body) throws IOException {
    sendRaw(RawPackets.packet(header, body));
  }

  /** Writes {@code bytes} as they are (garbage, a packet built by {@link RawPackets}, ...). */
  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  private static void string(ByteArrayOutputStream b, String s) {
    RawPackets.string(b, s);
  }

  /** Drops the TCP connection without DISCONNECT (the will and session stay). */
  @Override
  public void close() throws IOException {
    socket.close();
  }
}

package io.mqttguard.guard;

import io.mqttguard.identity.ClientIdentity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The retransmission rule for protected messages: per client session, the QoS 1/2 messages whose
 * protected payload the guard accepted, by packet ID, with a SHA-256 digest of (QoS, retain, topic,
 * received payload bytes). A PUBLISH with DUP=1 whose packet ID and digest equal a recorded one,
 * from the same client ID and username, is a {@linkplain InboundPublish.Retransmission
 * retransmission}: acknowledged, never delivered again. Anything else goes through the payload
 * rules (where the same bytes are a replay).
 *
 * <p>Lifetime: records survive reconnects of a persistent session; they are dropped when a
 * connection of the client ID starts clean, when a connection ends with session expiry zero, when
 * another identity connects with the client ID, and once the session expiry of the last connection
 * has passed. Bounds: one record per packet ID per client (at most 65,535) and {@code capacity}
 * records in all; when full, nothing new is recorded (a later retransmission is then refused as a
 * replay, never delivered twice).
 *
 * <p>Thread-safe: one lock per client ID, one {@code MessageDigest} per thread.
 */
final class AcceptedPublishes {
  /** Default number of records over all clients (about 100 bytes each). */
  static final int DEFAULT_CAPACITY = 262_144;

  private record Digest(long a, long b, long c, long d) {}

  /** The records of one client ID, owned by one username. */
  private static final class Client {
    final @Nullable String owner;
    final Map<Integer, Digest> byPacketId = new HashMap<>();
    volatile Instant expires = Instant.MAX;

    Client(@Nullable String owner) {
      this.owner = owner;
    }
  }

  private final ThreadLocal<MessageDigest> sha256 =
      ThreadLocal.withInitial(AcceptedPublishes::newSha256);
  private final ConcurrentHashMap<String, Client> byClientId = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final int capacity;
  private final Clock clock;

  AcceptedPublishes(int capacity, Clock clock) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
    this.capacity = capacity;
    this.clock = clock;
  }

  /** A connection of {@code identity} was established; a clean start drops its records. */
  void started(ClientIdentity identity, boolean cleanStart) {
    byClientId.computeIfPresent(
        identity.clientId(),
        (id, c) -> {
          synchronized (c) {
            if (cleanStart || !Objects.equals(c.owner, identity.username()) || expired(c)) {
              total.addAndGet(-c.byPacketId.size());
              return null;
            }
            c.expires = Instant.MAX; // connected again: kept until this connection ends
            return c;
          }
        });
  }

  /** A connection of {@code identity} ended; its session lives on for {@code sessionExpiry}. */
  void ended(ClientIdentity identity, Duration sessionExpiry) {
    byClientId.computeIfPresent(
        identity.clientId(),
        (id, c) -> {
          synchronized (c) {
            if (sessionExpiry.isZero() || sessionExpiry.isNegative()) {
              total.addAndGet(-c.byPacketId.size());
              return null;
            }
            c.expires = plus(clock.instant(), sessionExpiry);
            return c;
          }
        });
  }

  /** Whether this DUP=1 PUBLISH repeats a message accepted under the same packet ID. */
  boolean isRetransmission(
      ClientIdentity identity,
      int packetId,
      int qos,
      boolean retain,
      String topic,
      byte[] payload) {
    Client c = byClientId.get(identity.clientId());
    if (c == null) {
      return false;
    }
    Digest digest = digest(qos, retain, topic, payload);
    synchronized (c) {
      return Objects.equals(c.owner, identity.username())
          && !expired(c)
          && digest.equals(c.byPacketId.get(packetId));
    }
  }

  /** Records that the guard accepted this protected QoS 1/2 message under {@code packetId}. */
  void accepted(
      ClientIdentity identity,
      int packetId,
      int qos,
      boolean retain,
      String topic,
      byte[] payload) {
    Digest digest = digest(qos, retain, topic, payload);
    Client c =
        byClientId.compute(
            identity.clientId(),
            (id, old) ->
                old == null || !Objects.equals(old.owner, identity.username()) || expired(old)
                    ? replaced(old, identity.username())
                    : old);
    synchronized (c) {
      if (!c.byPacketId.containsKey(packetId)) {
        if (total.incrementAndGet() > capacity) {
          total.decrementAndGet();
          return; // full: not recorded, a retransmission will be refused as a replay
        }
      }
      c.byPacketId.put(packetId, digest);
    }
  }

  /** Records held over all clients (tests and metrics). */
  int size() {
    return total.get();
  }

  private Client replaced(@Nullable Client old, @Nullable String owner) {
    if (old != null) {
      synchronized (old) {
        total.addAndGet(-old.byPacketId.size());
      }
    }
    return new Client(owner);
  }

  private boolean expired(Client c) {
    return clock.instant().isAfter(c.expires);
  }

  private static Instant plus(Instant now, Duration d) {
    try {
      return now.plus(d);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return Instant.MAX;
    }
  }

  /**
   * SHA-256 of (QoS, retain, u32 topic length, topic UTF-8, payload) with this thread's {@code
   * MessageDigest} ({@code getInstance} per message costs a provider lookup; {@code digest}
   * resets).
   */
  private Digest digest(int qos, boolean retain, String topic, byte[] payload) {
    MessageDigest sha = sha256.get();
    byte[] t = topic.getBytes(StandardCharsets.UTF_8);
    sha.update((byte) qos);
    sha.update((byte) (retain ? 1 : 0));
    for (int shift = 24; shift >= 0; shift -= 8) {
      sha.update((byte) (t.length >>> shift));
    }
    sha.update(t);
    ByteBuffer h = ByteBuffer.wrap(sha.digest(payload));
    return new Digest(h.getLong(0), h.getLong(8), h.getLong(16), h.getLong(24));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}

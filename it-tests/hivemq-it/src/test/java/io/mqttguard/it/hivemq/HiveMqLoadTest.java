package io.mqttguard.it.hivemq;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load test (not part of the normal build): HiveMQ CE with MQTT Guard versus HiveMQ CE with only an
 * allow-all authenticator, in the same JVM and run. N publishers → M subscribers (all subscribed to
 * the publishers' topics), 256-byte payloads, QoS 0 and 1, plaintext topics (ACL only) and
 * encrypted topics (MQTT Guard decrypts every message; the baseline forwards the same envelopes).
 * Reports delivered messages/s and end-to-end latency p50/p99 as ratios to the baseline.
 *
 * <p>Run: {@code ./mvnw -B -pl it-tests/hivemq-it -am verify -Dfuzz.skip=true -Dtest=HiveMqLoadTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmqttguard.loadtest=true}; the table goes to {@code
 * it-tests/hivemq-it/target/hivemq-loadtest.md}.
 */
@EnabledIfSystemProperty(named = "mqttguard.loadtest", matches = "true")
class HiveMqLoadTest {
  static final int PUBLISHERS = Integer.getInteger("loadtest.publishers", 4);
  static final int SUBSCRIBERS = Integer.getInteger("loadtest.subscribers", 4);
  static final int MESSAGES = Integer.getInteger("loadtest.messages", 5000);
  static final int ROUNDS = Integer.getInteger("loadtest.rounds", 3);
  static final int IN_FLIGHT = 256;
  static final int PAYLOAD = 256;

  record Result(double msgsPerSecond, long p50Micros, long p99Micros, long delivered) {}

  @Test
  void guardVersusAllowAll(@TempDir Path tmp) throws Exception {
    String keys = PayloadIT.keysJson();
    PayloadSealer sealer =
        PayloadSealer.create(
            Keyset.parse("keys.json", keys.getBytes(UTF_8)), Clock.systemUTC(), new SecureRandom());
    TestPki pki = new TestPki(tmp.resolve("pki"));
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "HiveMQ CE 2025.5 load test, %s, %d cores, Java %s: %d publishers -> %d subscribers,"
                + " %d x %d messages of %d B per run, best of %d rounds%n%n",
            Instant.now(),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            PUBLISHERS,
            SUBSCRIBERS,
            PUBLISHERS,
            MESSAGES,
            PAYLOAD,
            ROUNDS));
    report.append(
        "| scenario | allow-all msgs/s | MQTT Guard msgs/s | throughput ratio | p50 ratio | p99 ratio"
            + " |\n|---|---|---|---|---|---|\n");
    try (GuardBroker guard =
            GuardBroker.start(
                tmp.resolve("guard"),
                pki,
                Map.of(
                    "acl.json", Configs.ACL,
                    "users.json", Configs.users("load", "load-pw", "[\"operator\"]", null),
                    "guard.json", Configs.GUARD,
                    "keys.json", keys,
                    "payload.json", PayloadIT.PAYLOAD_RULES));
        GuardBroker allowAll =
            GuardBroker.startWithout(
                tmp.resolve("allow-all"),
                pki,
                List.of(FakeAllowAllMain.install(tmp.resolve("ext"))))) {
      for (boolean encrypted : new boolean[] {false, true}) {
        for (MqttQos qos : new MqttQos[] {MqttQos.AT_MOST_ONCE, MqttQos.AT_LEAST_ONCE}) {
          String root = encrypted ? "plant/enc/load" : "plant/load";
          var unused = run(allowAll.port("tcp"), root, qos, encrypted, sealer, MESSAGES / 5);
          var unused2 = run(guard.port("tcp"), root, qos, encrypted, sealer, MESSAGES / 5);
          Result base = null;
          Result ours = null;
          for (int r = 0; r < ROUNDS; r++) {
            base = best(base, run(allowAll.port("tcp"), root, qos, encrypted, sealer, MESSAGES));
            ours = best(ours, run(guard.port("tcp"), root, qos, encrypted, sealer, MESSAGES));
          }
          report.append(
              row(
                  (encrypted ? "decrypt every msg" : "ACL only") + ", QoS " + qos.getCode(),
                  base,
                  ours));
        }
      }
    }
    Path out = Path.of("target", "hivemq-loadtest.md");
    Files.writeString(out, report.toString(), UTF_8);
    System.out.println(report);
  }

  private static Result best(Result a, Result b) {
    return a == null || b.msgsPerSecond() > a.msgsPerSecond() ? b : a;
  }

  private static String row(String name, Result base, Result ours) {
    return String.format(
        Locale.ROOT,
        "| %s | %.0f | %.0f | %.2f | %.2f (%d/%d µs) | %.2f (%d/%d µs) |%n",
        name,
        base.msgsPerSecond(),
        ours.msgsPerSecond(),
        ours.msgsPerSecond() / base.msgsPerSecond(),
        (double) ours.p50Micros() / Math.max(1, base.p50Micros()),
        ours.p50Micros(),
        base.p50Micros(),
        (double) ours.p99Micros() / Math.max(1, base.p99Micros()),
        ours.p99Micros(),
        base.p99Micros());
  }

  private static Result run(
      int port, String root, MqttQos qos, boolean encrypted, PayloadSealer sealer, int perPublisher)
      throws Exception {
    long expected = (long) PUBLISHERS * perPublisher * SUBSCRIBERS;
    long[] latencies = new long[(int) expected];
    AtomicInteger received = new AtomicInteger();
    AtomicLong lastDelivery = new AtomicLong();
    List<Mqtt5AsyncClient> clients = new ArrayList<>();
    try {
      for (int s = 0; s < SUBSCRIBERS; s++) {
        Mqtt5AsyncClient sub = connect(port, "sub-" + s + "-" + System.nanoTime());
        clients.add(sub);
        sub.subscribeWith()
            .topicFilter(root + "/#")
            .qos(qos)
            .callback(
                p -> {
                  long now = System.nanoTime();
                  long sent = p.getCorrelationData().map(ByteBuffer::getLong).orElse(now);
                  int i = received.getAndIncrement();
                  if (i < latencies.length) {
                    latencies[i] = now - sent;
                  }
                  lastDelivery.set(now);
                })
            .send()
            .get(10, TimeUnit.SECONDS);
      }
      List<Mqtt5AsyncClient> pubs = new ArrayList<>();
      List<byte[][]> payloads = new ArrayList<>();
      SecureRandom random = new SecureRandom();
      for (int p = 0; p < PUBLISHERS; p++) {
        Mqtt5AsyncClient pub = connect(port, "pub-" + p + "-" + System.nanoTime());
        clients.add(pub);
        pubs.add(pub);
        byte[][] msgs = new byte[perPublisher][];
        String topic = root + "/p" + p;
        for (int m = 0; m < perPublisher; m++) {
          byte[] plain = new byte[PAYLOAD];
          random.nextBytes(plain);
          msgs[m] = encrypted ? sealer.seal(topic, plain) : plain;
        }
        payloads.add(msgs);
      }
      long start = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      for (int p = 0; p < PUBLISHERS; p++) {
        Mqtt5AsyncClient pub = pubs.get(p);
        byte[][] msgs = payloads.get(p);
        String topic = root + "/p" + p;
        Thread t =
            new Thread(
                () -> {
                  Semaphore window = new Semaphore(IN_FLIGHT);
                  for (byte[] msg : msgs) {
                    window.acquireUninterruptibly();
                    var unused =
                        pub.publishWith()
                            .topic(topic)
                            .qos(qos)
                            .payload(msg)
                            .correlationData(ByteBuffer.allocate(8).putLong(0, System.nanoTime()))
                            .send()
                            .whenComplete((r, e) -> window.release());
                  }
                  window.acquireUninterruptibly(IN_FLIGHT);
                });
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      long idleSince = System.nanoTime();
      int seen = received.get();
      while (received.get() < expected && System.nanoTime() - idleSince < 3_000_000_000L) {
        Thread.sleep(20);
        if (received.get() != seen) {
          seen = received.get();
          idleSince = System.nanoTime();
        }
      }
      int n = Math.min(received.get(), latencies.length);
      long elapsed = Math.max(1, lastDelivery.get() - start);
      long[] sorted = Arrays.copyOf(latencies, n);
      Arrays.sort(sorted);
      return new Result(
          n * 1e9 / elapsed,
          n == 0 ? 0 : sorted[n / 2] / 1000,
          n == 0 ? 0 : sorted[Math.min(n - 1, (int) (n * 0.99))] / 1000,
          n);
    } finally {
      for (Mqtt5AsyncClient c : clients) {
        var unused = c.disconnect();
      }
    }
  }

  private static Mqtt5AsyncClient connect(int port, String id) throws Exception {
    Mqtt5AsyncClient c =
        Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(port).buildAsync();
    c.connectWith()
        .simpleAuth()
        .username("load")
        .password("load-pw".getBytes(UTF_8))
        .applySimpleAuth()
        .send()
        .get(30, TimeUnit.SECONDS);
    return c;
  }
}

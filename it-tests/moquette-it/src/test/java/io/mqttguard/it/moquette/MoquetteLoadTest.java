package io.mqttguard.it.moquette;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.moquette.GuardedMoquette;
import io.mqttguard.moquette.MqttGuardMoquette;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load test (not part of the normal build): Moquette 0.17 with MQTT Guard versus Moquette 0.17 with
 * no authenticator/authorizator (anonymous, permit-all), in the same JVM and run. N publishers → M
 * subscribers (all subscribed to the root), 256-byte payloads, QoS 0 and 1, plaintext topics (ACL
 * only) and encrypted topics (MQTT Guard decrypts every message in the hook; the baseline forwards
 * the same envelopes). MQTT 3.1.1 has no correlation data, so every message gets its own topic
 * {@code root/p<publisher>/<seq>} and the subscriber looks the send time up by it. Reports
 * delivered messages/s and end-to-end latency p50/p99 as ratios to the baseline.
 *
 * <p>Run: {@code ./mvnw -B -pl moquette-interceptor,it-tests/moquette-it verify -Dfuzz.skip=true
 * -Dtest=MoquetteLoadTest -Dsurefire.failIfNoSpecifiedTests=false -Dmqttguard.loadtest=true}; the
 * table goes to {@code it-tests/moquette-it/target/moquette-loadtest.md}.
 */
@EnabledIfSystemProperty(named = "mqttguard.loadtest", matches = "true")
class MoquetteLoadTest {
  static final int PUBLISHERS = Integer.getInteger("loadtest.publishers", 4);
  static final int SUBSCRIBERS = Integer.getInteger("loadtest.subscribers", 4);
  static final int MESSAGES = Integer.getInteger("loadtest.messages", 5000);
  static final int ROUNDS = Integer.getInteger("loadtest.rounds", 3);
  static final int IN_FLIGHT = Integer.getInteger("loadtest.inflight", 32);
  static final int PAYLOAD = 256;

  record Result(double msgsPerSecond, long p50Micros, long p99Micros, long delivered) {}

  @Test
  void guardVersusNoAuthorizer(@TempDir Path tmp) throws Exception {
    Path config = Files.createDirectory(tmp.resolve("config"));
    ConfigDir.write(config);
    ConfigDir.write(
        config,
        "users.json",
        ConfigDir.users(
            ConfigDir.user(
                io.mqttguard.auth.PasswordHasher.argon2id(new SecureRandom()),
                "load",
                "[\"operator\"]",
                null)));
    PayloadSealer sealer =
        PayloadSealer.create(
            Keyset.parse("keys.json", Files.readAllBytes(config.resolve("keys.json"))),
            Clock.systemUTC(),
            new SecureRandom());
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "Moquette 0.17 load test, %s, %d cores, Java %s: %d publishers -> %d subscribers,"
                + " %d x %d messages of %d B per run, at most %d in flight per publisher,"
                + " best of %d rounds%n%n",
            Instant.now(),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            PUBLISHERS,
            SUBSCRIBERS,
            PUBLISHERS,
            MESSAGES,
            PAYLOAD,
            IN_FLIGHT,
            ROUNDS));
    report.append(
        "| scenario | no-authorizer msgs/s | MQTT Guard msgs/s | throughput ratio | p50 ratio |"
            + " p99 ratio | delivered (base/guard) |\n|---|---|---|---|---|---|---|\n");
    Properties p = new Properties();
    p.setProperty("port", "0");
    p.setProperty("persistence_enabled", "false");
    p.setProperty("session_queue_size", "16384"); // same for both brokers
    Server plain = new Server();
    Properties baseline = new Properties();
    baseline.putAll(p);
    baseline.setProperty("host", "127.0.0.1");
    baseline.setProperty("telemetry_enabled", "false");
    baseline.setProperty("netty.mqtt.message_size", "65536");
    plain.startServer(new MemoryConfig(baseline));
    try (GuardedMoquette guard =
        MqttGuardMoquette.from(config).auditSink(AuditSink.discarding()).start(new Server(), p)) {
      int basePort = awaitPort(plain);
      for (boolean encrypted : new boolean[] {false, true}) {
        for (MqttQos qos : new MqttQos[] {MqttQos.AT_MOST_ONCE, MqttQos.AT_LEAST_ONCE}) {
          String root = encrypted ? "secure/load" : "shared/load";
          var unused = run(basePort, null, root, qos, encrypted, sealer, MESSAGES / 5);
          var unused2 = run(guard.port(), "load", root, qos, encrypted, sealer, MESSAGES / 5);
          Result base = null;
          Result ours = null;
          for (int r = 0; r < ROUNDS; r++) {
            base = best(base, run(basePort, null, root, qos, encrypted, sealer, MESSAGES));
            ours = best(ours, run(guard.port(), "load", root, qos, encrypted, sealer, MESSAGES));
          }
          report.append(
              row(
                  (encrypted ? "decrypt every msg" : "ACL only") + ", QoS " + qos.getCode(),
                  base,
                  ours));
        }
      }
    } finally {
      plain.stopServer();
    }
    Files.writeString(Path.of("target", "moquette-loadtest.md"), report.toString(), UTF_8);
    System.out.println(report);
  }

  private static int awaitPort(Server s) throws InterruptedException {
    while (s.getPort() == 0) {
      Thread.sleep(2);
    }
    return s.getPort();
  }

  private static Result best(@Nullable Result a, Result b) {
    return a == null || b.msgsPerSecond() > a.msgsPerSecond() ? b : a;
  }

  private static String row(String name, @Nullable Result base, @Nullable Result ours) {
    if (base == null || ours == null) {
      throw new IllegalStateException("no rounds");
    }
    return String.format(
        Locale.ROOT,
        "| %s | %.0f | %.0f | %.2f | %.2f (%d/%d µs) | %.2f (%d/%d µs) | %d/%d |%n",
        name,
        base.msgsPerSecond(),
        ours.msgsPerSecond(),
        ours.msgsPerSecond() / base.msgsPerSecond(),
        (double) ours.p50Micros() / Math.max(1, base.p50Micros()),
        ours.p50Micros(),
        base.p50Micros(),
        (double) ours.p99Micros() / Math.max(1, base.p99Micros()),
        ours.p99Micros(),
        base.p99Micros(),
        base.delivered(),
        ours.delivered());
  }

  private static Result run(
      int port,
      @Nullable String user,
      String root,
      MqttQos qos,
      boolean encrypted,
      PayloadSealer sealer,
      int perPublisher)
      throws Exception {
    long expected = (long) PUBLISHERS * perPublisher * SUBSCRIBERS;
    long[][] sentAt = new long[PUBLISHERS][perPublisher];
    long[] latencies = new long[(int) expected];
    AtomicInteger received = new AtomicInteger();
    AtomicLong lastDelivery = new AtomicLong();
    int prefix = root.length() + 2; // "<root>/p"
    List<Mqtt3AsyncClient> clients = new ArrayList<>();
    try {
      for (int s = 0; s < SUBSCRIBERS; s++) {
        Mqtt3AsyncClient sub = connect(port, user, "load-sub-" + s + "-" + System.nanoTime());
        clients.add(sub);
        sub.subscribeWith()
            .topicFilter(root + "/#")
            .qos(qos)
            .callback(
                m -> {
                  long now = System.nanoTime();
                  String t = m.getTopic().toString();
                  int slash = t.indexOf('/', prefix);
                  int pub = Integer.parseInt(t, prefix, slash, 10);
                  int seq = Integer.parseInt(t, slash + 1, t.length(), 10);
                  int i = received.getAndIncrement();
                  if (i < latencies.length) {
                    latencies[i] = now - sentAt[pub][seq];
                  }
                  lastDelivery.set(now);
                })
            .send()
            .get(10, TimeUnit.SECONDS);
      }
      List<Mqtt3AsyncClient> pubs = new ArrayList<>();
      List<byte[][]> payloads = new ArrayList<>();
      SecureRandom random = new SecureRandom();
      for (int p = 0; p < PUBLISHERS; p++) {
        Mqtt3AsyncClient pub = connect(port, user, "load-pub-" + p + "-" + System.nanoTime());
        clients.add(pub);
        pubs.add(pub);
        byte[][] msgs = new byte[perPublisher][];
        for (int m = 0; m < perPublisher; m++) {
          byte[] plain = new byte[PAYLOAD];
          random.nextBytes(plain);
          String topic = root + "/p" + p + "/" + m;
          msgs[m] = encrypted ? sealer.seal(topic, plain) : plain;
        }
        payloads.add(msgs);
      }
      long start = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      for (int p = 0; p < PUBLISHERS; p++) {
        Mqtt3AsyncClient pub = pubs.get(p);
        byte[][] msgs = payloads.get(p);
        int publisher = p;
        Thread t =
            new Thread(
                () -> {
                  Semaphore window = new Semaphore(IN_FLIGHT);
                  for (int m = 0; m < msgs.length; m++) {
                    if (!acquire(window, 1)) {
                      return; // the broker stalled: the run reports fewer deliveries
                    }
                    sentAt[publisher][m] = System.nanoTime();
                    var unused =
                        pub.publishWith()
                            .topic(root + "/p" + publisher + "/" + m)
                            .qos(qos)
                            .payload(msgs[m])
                            .send()
                            .whenComplete((r, e) -> window.release());
                  }
                  if (!acquire(window, IN_FLIGHT)) {
                    System.err.println("publisher " + publisher + ": in-flight window not drained");
                  }
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
      for (Mqtt3AsyncClient c : clients) {
        var unused = c.disconnect();
      }
    }
  }

  private static boolean acquire(Semaphore window, int permits) {
    try {
      return window.tryAcquire(permits, 10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Mqtt3AsyncClient connect(int port, @Nullable String user, String id)
      throws Exception {
    Mqtt3AsyncClient c =
        MqttClient.builder()
            .useMqttVersion3()
            .identifier(id)
            .serverHost("127.0.0.1")
            .serverPort(port)
            .buildAsync();
    var connect = c.connectWith();
    if (user != null) {
      connect =
          connect
              .simpleAuth()
              .username(user)
              .password(ConfigDir.password(user).getBytes(UTF_8))
              .applySimpleAuth();
    }
    var unused = connect.send().get(30, TimeUnit.SECONDS);
    return c;
  }
}

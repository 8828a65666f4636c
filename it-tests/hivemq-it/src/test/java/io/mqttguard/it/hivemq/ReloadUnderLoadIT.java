package io.mqttguard.it.hivemq;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.mqttguard.auth.PasswordHasher;
import io.mqttguard.testsupport.Mqtt5TestClient;
import io.mqttguard.testsupport.TestPki;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 "Faults": a policy reload under sustained publish load loses and misroutes nothing.
 * Publishers send QoS 1 messages continuously to topics they stay allowed on while the ACL is
 * replaced (atomically) several times with versions that change other topics' rules only;
 * subscribers count every message per topic and payload. Every acknowledged message must arrive
 * exactly once, on its own topic, at every subscriber allowed to receive it, and nowhere else.
 */
class ReloadUnderLoadIT {
  static final int RELOADS = 4;
  static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(15);
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);

  /**
   * ACL version {@code v}: the {@code load/a} and {@code load/b} rights are the same in every
   * version; what changes is rules on other topics (a version-specific {@code other/v<n>/#} grant,
   * a {@code load/c} carve-out, an explicit deny that restates an implicit one, rule order).
   */
  static String acl(int v) {
    String watcherDenyB =
        "{\"effect\": \"deny\", \"actions\": [\"receive\"], \"topics\": [\"load/b/#\"]}";
    String watcherOther =
        v % 2 == 0
            ? "{\"effect\": \"allow\", \"actions\": [\"receive\"], \"topics\": [\"other/v"
                + v
                + "/#\"]}"
            : "{\"effect\": \"deny\", \"actions\": [\"receive\"], \"topics\": [\"load/c/v"
                + v
                + "\"]}";
    String readerA =
        "{\"effect\": \"allow\", \"actions\": [\"subscribe\", \"receive\"], \"topics\": [\"load/a/#\"]}";
    String readerACarveOut =
        "{\"effect\": \"deny\", \"actions\": [\"receive\"], \"topics\": [\"load/c/v" + v + "\"]}";
    return """
        {"roles": {
          "pub-a": {"rules": [{"effect": "allow", "actions": ["publish"], "topics": ["load/a/#"]}]},
          "pub-b": {"rules": [{"effect": "allow", "actions": ["publish"], "topics": ["load/b/#"]}]},
          "reader-a": {"rules": [%s]},
          "reader-b": {"rules": [
            {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["load/b/#"]}]},
          "watcher": {"rules": [
            {"effect": "allow", "actions": ["subscribe"], "topics": ["load/#"]}, %s]},
          "other": {"rules": [
            {"effect": "allow", "actions": ["publish", "subscribe", "receive"], "topics": ["other/v%d/#"]}]}
        }}
        """
        .formatted(
            v % 2 == 0 ? readerACarveOut + ", " + readerA : readerA + ", " + readerACarveOut,
            v % 2 == 0 ? watcherDenyB + ", " + watcherOther : watcherOther + ", " + watcherDenyB,
            v);
  }

  /** Counts every message a subscriber receives, keyed {@code topic=payload}. */
  static final class Counter implements Runnable {
    final Mqtt5TestClient client;
    final Map<String, Integer> seen = new ConcurrentHashMap<>();
    final AtomicBoolean stop = new AtomicBoolean();
    volatile Set<String> expected = Set.of();

    Counter(Mqtt5TestClient client) {
      this.client = client;
    }

    @Override
    public void run() {
      while (!stop.get()) {
        Optional<Mqtt5Publish> p = client.receive(Duration.ofMillis(100));
        p.ifPresent(
            m ->
                seen.merge(
                    m.getTopic() + "=" + new String(m.getPayloadAsBytes(), UTF_8),
                    1,
                    Integer::sum));
      }
    }
  }

  /** Publishes QoS 1 in a loop; remembers what was acknowledged and what was not. */
  static final class Publisher implements Runnable {
    final String id;
    final String prefix;
    final Mqtt5TestClient client;
    final List<String> acked = new CopyOnWriteArrayList<>();
    final List<String> failed = new CopyOnWriteArrayList<>();
    final AtomicBoolean stop = new AtomicBoolean();

    Publisher(String id, String prefix, Mqtt5TestClient client) {
      this.id = id;
      this.prefix = prefix;
      this.client = client;
    }

    @Override
    public void run() {
      for (int seq = 0; !stop.get(); seq++) {
        String topic = prefix + id + "/" + (seq % 3);
        String payload = id + ":" + seq;
        String result = client.publish(topic, payload);
        (result.equals("SUCCESS") ? acked : failed).add(topic + "=" + payload + " " + result);
      }
    }

    Set<String> ackedMessages() {
      return acked.stream()
          .map(s -> s.substring(0, s.lastIndexOf(' ')))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void aclReloadsDuringQos1Load_everyAckedMessageArrivesExactlyOnceWhereAllowed(@TempDir Path tmp)
      throws Exception {
    long t0 = System.nanoTime();
    String users =
        users("pa", "pub-a", "pb", "pub-b", "ra", "reader-a", "rb", "reader-b", "w", "watcher");
    TestPki pki = new TestPki(tmp.resolve("pki"));
    try (GuardBroker broker =
        GuardBroker.start(tmp.resolve("broker"), pki, Configs.files(acl(1), users))) {
      int port = broker.port("tcp");
      long started = System.nanoTime();
      List<Mqtt5TestClient> clients = new ArrayList<>();
      try {
        Counter ra = subscriber(clients, "ra", "load/a/#", port);
        Counter rb = subscriber(clients, "rb", "load/b/#", port);
        Counter w = subscriber(clients, "w", "load/#", port);
        Map<String, Counter> counters = Map.of("ra", ra, "rb", rb, "w", w);
        List<Publisher> publishers = new ArrayList<>();
        for (String[] p : new String[][] {{"pa", "a"}, {"pa", "a"}, {"pb", "b"}, {"pb", "b"}}) {
          String id = p[0] + "-" + publishers.size();
          publishers.add(new Publisher(id, "load/" + p[1] + "/", connect(clients, id, p[0], port)));
        }
        List<Thread> threads = new ArrayList<>();
        for (Runnable r : counters.values()) {
          threads.add(start(r));
        }
        for (Runnable r : publishers) {
          threads.add(start(r));
        }

        long loadStarted = System.nanoTime();
        long reloadsBefore = (Long) broker.gauge("mqttguard.reload.success");
        Thread.sleep(500);
        for (int v = 2; v <= RELOADS + 1; v++) {
          int sentBefore = publishers.stream().mapToInt(p -> p.acked.size()).sum();
          broker.writeConf(Map.of("acl.json", acl(v)));
          awaitGauge(broker, reloadsBefore + v - 1);
          Thread.sleep(400);
          assertThat(publishers.stream().mapToInt(p -> p.acked.size()).sum())
              .as("publishing continued across reload %d", v)
              .isGreaterThan(sentBefore);
        }
        publishers.forEach(p -> p.stop.set(true));
        long loadEnded = System.nanoTime();
        for (Thread t : threads.subList(counters.size(), threads.size())) {
          t.join(RELOAD_TIMEOUT.toMillis());
        }

        Set<String> sentA = acked(publishers, "load/a/");
        Set<String> sentB = acked(publishers, "load/b/");
        assertThat(publishers)
            .allSatisfy(p -> assertThat(p.failed).as("refused publishes of %s", p.id).isEmpty());
        assertThat(sentA.size()).as("load/a messages acknowledged").isGreaterThan(200);
        assertThat(sentB.size()).as("load/b messages acknowledged").isGreaterThan(200);

        ra.expected = sentA;
        rb.expected = sentB;
        w.expected = sentA; // subscribed to load/#, may receive load/a/# only
        awaitDrained(counters.values());
        Thread.sleep(500); // anything extra or duplicated would arrive now
        counters.values().forEach(c -> c.stop.set(true));
        System.out.printf(
            "reload under load: %d load/a + %d load/b messages acknowledged, %d reloads; broker up"
                + " %d ms, clients %d ms, load+reloads %d ms, drained %d ms%n",
            sentA.size(),
            sentB.size(),
            RELOADS,
            (started - t0) / 1_000_000,
            (loadStarted - started) / 1_000_000,
            (loadEnded - loadStarted) / 1_000_000,
            (System.nanoTime() - loadEnded) / 1_000_000);
        for (Map.Entry<String, Counter> e : counters.entrySet()) {
          assertExactlyOnce(e.getKey(), e.getValue().seen, e.getValue().expected);
        }
        assertThat((Long) broker.gauge("mqttguard.reload.success") - reloadsBefore)
            .isEqualTo(RELOADS);
        assertThat((Long) broker.gauge("mqttguard.reload.failure")).isZero();
        assertThat((Long) broker.gauge("mqttguard.sessions.revoked")).isZero();
      } finally {
        clients.forEach(Mqtt5TestClient::close);
      }
    }
  }

  /**
   * users.json from (name, role) pairs, password {@code <name>-pw}, with cheap argon2id hashes:
   * this test is about routing, not hashing, and must stay fast.
   */
  private static String users(String... nameRole) {
    PasswordHasher cheap = PasswordHasher.argon2id(64, 1, 1, new SecureRandom());
    StringBuilder b = new StringBuilder("{\"users\": {");
    for (int i = 0; i < nameRole.length; i += 2) {
      b.append(i == 0 ? "" : ", ")
          .append('"')
          .append(nameRole[i])
          .append("\": {\"password\": \"")
          .append(cheap.hash((nameRole[i] + "-pw").getBytes(UTF_8)))
          .append("\", \"roles\": [\"")
          .append(nameRole[i + 1])
          .append("\"]}");
    }
    return b.append("}}").toString();
  }

  private static Mqtt5TestClient connect(
      List<Mqtt5TestClient> clients, String clientId, String user, int port) {
    Mqtt5TestClient c = Mqtt5TestClient.create(clientId, port);
    clients.add(c);
    assertThat(c.connect(user, user + "-pw")).isEqualTo("SUCCESS");
    return c;
  }

  private static Counter subscriber(
      List<Mqtt5TestClient> clients, String user, String filter, int port) {
    Mqtt5TestClient c = connect(clients, "sub-" + user, user, port);
    assertThat(c.subscribe(filter)).containsExactly("GRANTED_QOS_1");
    return new Counter(c);
  }

  private static Thread start(Runnable r) {
    Thread t = new Thread(r, "reload-under-load");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static Set<String> acked(List<Publisher> publishers, String prefix) {
    Set<String> all = new HashSet<>();
    for (Publisher p : publishers) {
      if (p.prefix.equals(prefix)) {
        all.addAll(p.ackedMessages());
      }
    }
    return all;
  }

  private static void awaitGauge(GuardBroker broker, long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
    while ((Long) broker.gauge("mqttguard.reload.success") < atLeast) {
      assertThat(System.nanoTime()).as("reload %d applied in time", atLeast).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** Waits until every subscriber has seen every message it expects (or the drain timeout). */
  private static void awaitDrained(java.util.Collection<Counter> counters)
      throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    Predicate<Counter> drained = c -> c.seen.keySet().containsAll(c.expected);
    while (!counters.stream().allMatch(drained) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private static void assertExactlyOnce(
      String subscriber, Map<String, Integer> seen, Set<String> expected) {
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(seen.keySet());
    Set<String> unexpected = new HashSet<>(seen.keySet());
    unexpected.removeAll(expected);
    Map<String, Integer> duplicated =
        seen.entrySet().stream()
            .filter(e -> e.getValue() != 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(missing).as("%s: acknowledged but never received", subscriber).isEmpty();
    assertThat(unexpected)
        .as("%s: received but not sent to a topic it may receive", subscriber)
        .isEmpty();
    assertThat(duplicated).as("%s: received more than once", subscriber).isEmpty();
  }
}

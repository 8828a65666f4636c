package io.mqttguard.load;

import io.mqttguard.payload.PayloadSealer;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * One measured window against one running broker: connects N publishers and M subscribers,
 * publisher {@code i} publishes to {@code bench/<i mod M>/pub-<i>} and subscriber {@code j}
 * subscribes to {@code bench/<j>/+}, so every message reaches exactly one subscriber through a
 * wildcard (with {@code --fanout}: every subscriber subscribes to {@code bench/#} and gets every
 * message). Each publisher keeps at most {@code window} messages in flight end to end (a slot is
 * freed when its message arrives at the subscriber; with fan-out, at subscriber 0), so queues stay
 * bounded and latency means something. The payload starts with a header (magic, publisher,
 * sequence, {@code nanoTime} at the publish call); with a sealer the whole plaintext is sealed per
 * message (fresh nonce) and the subscriber sees what the broker decrypted. Not thread-safe: one run
 * at a time.
 */
final class LoadRunner {
  static final int MAGIC = 0x4d514c47; // "MQLG"
  private static final long LOST_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final LoadOptions options;
  private final int qos;
  private final @Nullable PayloadSealer sealer;
  private final boolean discardSealed;
  private final Semaphore[] slots;
  private final List<Latencies> latencies = new ArrayList<>();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder receivedAll = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder corrupt = new LongAdder();
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;
  private final AtomicReference<String> firstFailure = new AtomicReference<>("");
  private volatile boolean running = true;

  private LoadRunner(LoadOptions options, int qos, Target target) {
    this.options = options;
    this.qos = qos;
    this.sealer = target.sealer();
    this.discardSealed = target.discardSealed();
    this.slots = new Semaphore[options.publishers()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new Semaphore(options.window());
    }
  }

  /** Runs warm-up and measured window of {@code target} at {@code qos} against {@code port}. */
  static Result run(
      Target target,
      int round,
      int qos,
      int port,
      Credentials login,
      int mqttVersion,
      LoadOptions options)
      throws Exception {
    LoadRunner r = new LoadRunner(options, qos, target);
    return r.execute(target.name(), round, port, login, mqttVersion);
  }

  private Result execute(String name, int round, int port, Credentials login, int mqttVersion)
      throws Exception {
    List<LoadClient> clients = new ArrayList<>();
    List<Thread> publishers = new ArrayList<>();
    try {
      for (int j = 0; j < options.subscribers(); j++) {
        LoadClient sub = LoadClient.connect(login, mqttVersion, "sub-" + j, port);
        clients.add(sub);
        Latencies lat = new Latencies();
        latencies.add(lat);
        boolean frees = !options.fanout() || j == 0;
        String filter = options.fanout() ? "bench/#" : "bench/" + j + "/+";
        sub.subscribe(filter, qos, payload -> received(payload, lat, frees));
      }
      for (int i = 0; i < options.publishers(); i++) {
        LoadClient pub = LoadClient.connect(login, mqttVersion, "pub-" + i, port);
        clients.add(pub);
        int index = i;
        Thread t = new Thread(() -> publishLoop(pub, index), "load-pub-" + i);
        t.setDaemon(true);
        publishers.add(t);
      }
      publishers.forEach(Thread::start);
      sleep(options.warmup());
      CpuMeter cpu = new CpuMeter();
      long cpuStart = cpu.brokerNanos();
      long start = System.nanoTime();
      windowStart = start;
      sleep(options.measure());
      long end = System.nanoTime();
      windowEnd = end;
      long cpuEnd = cpu.brokerNanos();
      running = false;
      for (Thread t : publishers) {
        t.join(TimeUnit.SECONDS.toMillis(5));
      }
      Thread.sleep(500); // let in-flight messages arrive before disconnecting
      long expected = sent.sum() * (options.fanout() ? options.subscribers() : 1);
      long[] sorted = Latencies.merged(latencies);
      return new Result(
          name,
          round,
          qos,
          delivered.sum(),
          (end - start) / 1e9,
          Latencies.quantileMicros(sorted, 0.50),
          Latencies.quantileMicros(sorted, 0.99),
          Latencies.quantileMicros(sorted, 1.0),
          failures.sum(),
          timeouts.sum(),
          Math.max(0, expected - receivedAll.sum()),
          corrupt.sum(),
          loadAverage(),
          cpuStart < 0 ? -1 : (cpuEnd - cpuStart) / 1e3,
          java.util.Objects.requireNonNullElse(firstFailure.get(), ""));
    } finally {
      running = false;
      for (LoadClient c : clients) {
        c.close();
      }
    }
  }

  private void received(byte[] payload, Latencies lat, boolean freesSlot) {
    long now = System.nanoTime();
    ByteBuffer b = ByteBuffer.wrap(payload);
    if (payload.length < LoadOptions.MIN_PAYLOAD || b.getInt() != MAGIC) {
      corrupt.increment();
      return;
    }
    receivedAll.increment();
    int publisher = b.getInt();
    long unusedSequence = b.getLong();
    long sent = b.getLong();
    if (now >= windowStart && now < windowEnd) {
      delivered.increment();
      lat.add(now - sent);
    }
    if (freesSlot && publisher >= 0 && publisher < slots.length) {
      slots[publisher].release();
    }
  }

  private void publishLoop(LoadClient client, int index) {
    String topic = "bench/" + (index % options.subscribers()) + "/pub-" + index;
    byte[] filler = new byte[options.payloadBytes()];
    new SplittableRandom(index).nextBytes(filler);
    long seq = 0;
    while (running) {
      try {
        if (!slots[index].tryAcquire(LOST_AFTER_NANOS, TimeUnit.NANOSECONDS)) {
          timeouts.increment(); // a message never arrived: give its slot up
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!running) {
        return;
      }
      byte[] plain = filler.clone();
      ByteBuffer.wrap(plain).putInt(MAGIC).putInt(index).putLong(seq++).putLong(System.nanoTime());
      publishOne(client, index, topic, plain);
    }
  }

  private void publishOne(LoadClient client, int index, String topic, byte[] plain) {
    byte[] payload;
    try {
      PayloadSealer s = sealer;
      payload = s == null ? plain : s.seal(topic, plain);
      if (discardSealed) {
        payload = plain;
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      failed(e);
      slots[index].release();
      return;
    }
    sent.increment();
    var unused =
        client
            .publish(topic, payload, qos)
            .whenComplete(
                (r, e) -> {
                  if (e != null) {
                    failed(e);
                    slots[index].release();
                  }
                });
  }

  private void failed(Throwable e) {
    failures.increment();
    var unused = firstFailure.compareAndSet("", String.valueOf(e));
  }

  /** The 1-minute load average of the machine (NaN where the OS does not report it). */
  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void sleep(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }
}

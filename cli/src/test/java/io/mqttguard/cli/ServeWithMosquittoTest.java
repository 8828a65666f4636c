package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The copy-paste commands {@code serve} prints, run exactly as printed with Debian's {@code
 * mosquitto_pub}/{@code mosquitto_sub}: the ones under "These work:" succeed and are delivered to
 * the operator's subscription, the ones under "These are denied:" fail and are never delivered.
 */
class ServeWithMosquittoTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"hivemq", "moquette"})
  void bannerCommands_workOrAreDenied_asPrinted(String broker) throws Exception {
    assumeTrue(
        onPath("mosquitto_pub") && onPath("mosquitto_sub") && onPath("stdbuf"),
        "needs mosquitto-clients (apt-get install -y mosquitto-clients) and coreutils' stdbuf");
    assumeTrue(
        broker.equals("hivemq") ? HiveMqServer.bundled() : MoquetteServer.bundled(),
        "the brokers are bundled by 'package' builds (./mvnw -pl cli -am package)");
    Path config = ServeRun.copyQuickstart(dir);
    try (ServeRun serve = ServeRun.start(config, broker)) {
      List<String> works = serve.section("These work:");
      List<String> denied = serve.section("These are denied:");
      String aliceSub = find(works, "mosquitto_sub ", "-u alice ");
      String sensorPub = find(works, "mosquitto_pub ", "-u sensor-1 ");
      String certPub = find(works, "mosquitto_pub ", "--cert ");
      String sealedPub = find(works, "printf ", " seal -c ");
      assertThat(aliceSub).contains("-t 'sensors/#'");
      assertThat(sealedPub)
          .contains(" seal -c " + config + " -t sensors/sensor-1/secure -i sensor-1 |");

      Process alice = shell(aliceSub);
      Output seen = Output.of(alice.getInputStream());
      try {
        List<Ran> tries = new java.util.concurrent.CopyOnWriteArrayList<>();
        await(
            () -> {
              Ran r = run(sensorPub);
              tries.add(r);
              return r.exit() == 0 && seen.has("sensors/sensor-1/temp 21.5");
            },
            () -> "sensor-1's reading at alice; publishes: " + tries,
            seen);
        Ran tls = run(certPub); // TLS, client certificate
        assertThat(tls.exit()).as(tls.toString()).isZero();
        await(() -> seen.has("sensors/demo-device/temp 19.0"), () -> "certificate client", seen);

        Cli.Result sealed =
            Cli.runWithInput(
                "{\"t\": 21.5}",
                "seal",
                "-c",
                config.toString(),
                "-t",
                "sensors/sensor-1/secure",
                "-i",
                "sensor-1");
        assertThat(sealed.code()).as(sealed.toString()).isZero();
        Path envelope = Files.write(dir.resolve("env.bin"), sealed.stdout());
        String publish = sealedPub.substring(sealedPub.lastIndexOf("| ") + 2);
        publish = publish.substring(0, publish.indexOf(" -s")) + " -f " + envelope;
        Ran sealedPublish = run(publish);
        assertThat(sealedPublish.exit()).as(sealedPublish.toString()).isZero();
        await(() -> seen.has("sensors/sensor-1/secure {\"t\": 21.5}"), () -> "decrypted", seen);

        for (String line : denied) {
          if (line.startsWith("(")) {
            continue; // the Moquette note
          }
          Ran r = run(line);
          assertThat(r.refused()).as(r.toString()).isTrue();
        }
        for (String line : works) {
          if (line.startsWith("mosquitto_pub ")) {
            Ran r = run(line.replaceAll("   # .*", ""));
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.refused()).as(r.toString()).isFalse();
          }
        }
        assertThat(run(sensorPub).exit()).isZero(); // a marker after the denied ones
        await(() -> seen.count("sensors/sensor-1/temp 21.5") >= 2, () -> "marker", seen);
        assertThat(seen.text())
            .doesNotContain("sensors/sensor-2/temp")
            .doesNotContain("sensors/alice/temp")
            .doesNotContain("Connection error");
      } finally {
        alice.destroy();
        var unused = alice.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** The one line of {@code lines} that starts with {@code start} and contains {@code part}. */
  static String find(List<String> lines, String start, String part) {
    List<String> found =
        lines.stream().filter(l -> l.startsWith(start) && l.contains(part)).toList();
    assertThat(found).as("%s...%s in %s", start, part, lines).hasSize(1);
    return found.get(0);
  }

  /** Exit code and output of one command line. */
  record Ran(String line, int exit, String output) {
    /**
     * Refused: a non-zero exit, or the clients' report of a refusal they exit 0 for ({@code
     * mosquitto_pub}: "Warning: Publish 1 failed: Not authorized."; {@code mosquitto_sub} on 3.1.1:
     * "All subscription requests were denied.").
     */
    boolean refused() {
      return exit != 0
          || output.contains("failed: Not authorized")
          || output.contains("All subscription requests were denied");
    }

    @Override
    public String toString() {
      return line + "\n  exit " + exit + ": " + output;
    }
  }

  /** Runs one printed command line with {@code sh}, as a user pastes it. */
  static Ran run(String line) {
    try {
      Process p = shell(line);
      Output out = Output.of(p.getInputStream());
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        var unused = p.destroyForcibly();
        throw new AssertionError("did not finish: " + line + "\n" + out.text());
      }
      return new Ran(line, p.exitValue(), out.complete().text());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + line, e);
    }
  }

  /**
   * {@code sh -c "exec LINE"} (so destroying it stops the client itself), line-buffered: {@code
   * mosquitto_sub} block-buffers a pipe and would show nothing until it exits.
   */
  static Process shell(String line) throws IOException {
    return new ProcessBuilder("stdbuf", "-oL", "sh", "-c", "exec " + line)
        .redirectErrorStream(true)
        .start();
  }

  static void await(BooleanSupplier condition, Supplier<String> what, Output seen)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "not seen: " + what.get() + "\nalice's mosquitto_sub:\n" + seen.text());
      }
      Thread.sleep(200);
    }
  }

  static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(java.io.File.pathSeparator, -1)) {
      if (Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return false;
  }

  /** A process's output, collected by a daemon thread. */
  static final class Output {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final java.util.concurrent.CountDownLatch ended =
        new java.util.concurrent.CountDownLatch(1);

    static Output of(InputStream in) {
      Output o = new Output();
      Thread t =
          new Thread(
              () -> {
                byte[] b = new byte[4096];
                try {
                  for (int n = in.read(b); n >= 0; n = in.read(b)) {
                    synchronized (o.bytes) {
                      o.bytes.write(b, 0, n);
                    }
                  }
                } catch (IOException e) {
                  // process ended
                }
                o.ended.countDown();
              });
      t.setDaemon(true);
      t.start();
      return o;
    }

    /**
     * Waits (at most 10 s) until the process closed its output: then {@link #text} is all of it.
     */
    Output complete() throws InterruptedException {
      var unused = ended.await(10, TimeUnit.SECONDS);
      return this;
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }

    boolean has(String s) {
      return text().contains(s);
    }

    long count(String s) {
      return text().lines().filter(l -> l.equals(s)).count();
    }
  }
}

package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged runnable jar ({@code cli/target/mqtt-guard.jar}, what {@code ./mqtt-guard} runs) as
 * separate processes, after {@code package}: exit codes, one-line errors, {@code serve} stopped
 * with SIGTERM (what Ctrl-C does) shutting the broker down cleanly, and {@code seal}/{@code open}
 * under {@code LC_ALL=C} through the {@code ./mqtt-guard} launcher.
 */
class LauncherIT {
  private static final Path JAR =
      Path.of(System.getProperty("mqttguard.jar", "target/mqtt-guard.jar"));

  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void jar_versionCheckAndBadInput_exitCodesAsDocumented() throws Exception {
    Path config = ServeRun.copyQuickstart(dir);

    Ran version = run("--version");
    Ran check = run("check", "--config", config.toString());
    Ran missing = run("check", "--config", dir.resolve("nowhere").toString());

    assertThat(version.exit()).as(version.toString()).isZero();
    assertThat(version.out()).contains("0.1.0");
    assertThat(check.exit()).as(check.toString()).isZero();
    assertThat(check.out()).contains("0 errors");
    assertThat(missing.exit()).as(missing.toString()).isEqualTo(2);
    assertThat(missing.out().strip().lines()).hasSize(1).allMatch(l -> l.startsWith("error: "));
    assertThat(missing.out()).contains("nowhere").doesNotContain("\tat ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hivemq", "moquette"})
  void serve_sigterm_stopsTheBrokerCleanly(String broker) throws Exception {
    Path config = ServeRun.copyQuickstart(dir);
    int port = ServeRun.freePort();
    Process serve =
        start(
            "serve",
            "--config",
            config.toString(),
            "--broker",
            broker,
            "--port",
            String.valueOf(port),
            "--tls-port",
            String.valueOf(ServeRun.freePort()));
    Output out = Output.of(serve.getInputStream());
    try {
      Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
      while (!out.text().contains("Ctrl-C stops the broker.")) {
        assertThat(serve.isAlive() && Instant.now().isBefore(deadline)).as(out.text()).isTrue();
        Thread.sleep(100);
      }
      Mqtt3BlockingClient sensor =
          MqttClient.builder()
              .useMqttVersion3()
              .identifier("sensor-1")
              .serverHost("127.0.0.1")
              .serverPort(port)
              .buildBlocking();
      var unusedAck =
          sensor
              .connectWith()
              .simpleAuth()
              .username("sensor-1")
              .password("sensor-1-demo-pw".getBytes(StandardCharsets.UTF_8))
              .applySimpleAuth()
              .send();
      sensor
          .publishWith()
          .topic("sensors/sensor-1/temp")
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload("1".getBytes(StandardCharsets.UTF_8))
          .send();
      sensor.disconnect();
      List<ProcessHandle> children = new ArrayList<>(serve.descendants().toList());

      // SIGTERM, as Ctrl-C (Process.destroy() would also close our end of its output)
      var unusedSent = serve.toHandle().destroy();

      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as(out.text()).isTrue();
      var unusedOut = out.complete();
      assertThat(out.text()).as(out.text()).contains("\nstopping ").contains("\nstopped\n");
      assertThat(children).noneMatch(ProcessHandle::isAlive); // Moquette's child JVM
      try (ServerSocket again = new ServerSocket()) {
        again.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
      }
    } finally {
      var unused = serve.destroyForcibly();
    }
  }

  /**
   * Issue 15 item 10: under a non-UTF-8 locale the launcher still hands Java the bytes typed, so a
   * topic with 'é' is bound to its UTF-8 bytes. The topic is made by the shell's printf (octal
   * escapes), so this test does not depend on how this JVM encodes arguments.
   */
  @Test
  void launcher_underLcAllC_sealsAndOpensTheUtf8TopicTyped() throws Exception {
    Path config = ServeRun.copyQuickstart(dir);
    Path envelope = dir.resolve("envelope.bin");
    Path launcher = Path.of(System.getProperty("mqttguard.repo", "..")).resolve("mqtt-guard");

    Ran charmap = shell("locale charmap");
    Ran ran =
        shell(
            "t=$(printf 'sensors/\\303\\251'); printf 21.5 | \"$0\" seal -c \"$1\" -t \"$t\" >"
                + " \"$2\" && \"$0\" open -c \"$1\" -t \"$t\" < \"$2\"",
            launcher.toString(),
            config.toString(),
            envelope.toString());

    assertThat(charmap.out().strip()).as("the locale really is ASCII").isEqualTo("ANSI_X3.4-1968");
    assertThat(ran.exit()).as(ran.toString()).isZero();
    // stdout, then open's note on stderr (merged here), which names the format version
    assertThat(ran.out())
        .isEqualTo("21.5note: AES-256-GCM envelope of key 1 (format version 2) opened\n");
    Keyset keys = Keyset.load(config.resolve("keys.json"));
    byte[] opened =
        PayloadSealer.create(keys, Clock.systemUTC(), new SecureRandom())
            .open("sensors/\u00e9", null, Files.readAllBytes(envelope));
    assertThat(new String(opened, StandardCharsets.UTF_8)).isEqualTo("21.5");
  }

  /** Run without the launcher under LC_ALL=C, Java decodes 'é' as U+FFFD: a usage error. */
  @Test
  void jar_underLcAllC_nonAsciiTopic_exit2WithOneLine_nothingSealed() throws Exception {
    Path config = ServeRun.copyQuickstart(dir);

    Ran ran =
        shell(
            "printf x | \"$0\" -jar \"$1\" seal -c \"$2\" -t \"$(printf 'sensors/\\303\\251')\"",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            JAR.toString(),
            config.toString());

    assertThat(ran.exit()).as(ran.toString()).isEqualTo(2);
    assertThat(ran.out())
        .isEqualTo(
            "error: --topic contains U+FFFD, the replacement for bytes that are not valid in"
                + " ANSI_X3.4-1968 (the character set Java decoded the command line with), so it is"
                + " not what you typed; run through ./mqtt-guard or under a UTF-8 locale\n");
  }

  /**
   * Runs {@code script} with {@code sh -c} under {@code LC_ALL=C}; {@code $0}.. are {@code args}.
   */
  private static Ran shell(String script, String... args) throws IOException, InterruptedException {
    assertThat(JAR).as("run after 'package'").exists();
    List<String> command = new ArrayList<>(List.of("sh", "-c", script));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("LC_ALL", "C");
    Process p = builder.start();
    Output out = Output.of(p.getInputStream());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Ran(p.exitValue(), out.complete().text());
  }

  /** Exit code and combined output of one run of the jar. */
  private record Ran(int exit, String out) {}

  private static Ran run(String... args) throws IOException, InterruptedException {
    Process p = start(args);
    Output out = Output.of(p.getInputStream());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Ran(p.exitValue(), out.complete().text());
  }

  private static Process start(String... args) throws IOException {
    assertThat(JAR).as("run after 'package'").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** A process's output, collected by a daemon thread. */
  private static final class Output {
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
  }
}

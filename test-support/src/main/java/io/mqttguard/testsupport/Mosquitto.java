package io.mqttguard.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Runs Debian's {@code mosquitto_pub} / {@code mosquitto_sub} as an independent MQTT client. */
public final class Mosquitto {
  /** Exit code and combined output of one run. */
  public record Result(int exitCode, String output) {}

  private Mosquitto() {}

  public static Result run(List<String> command, long timeoutSeconds)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor();
    }
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    return new Result(p.exitValue(), out);
  }

  /** mosquitto_pub arguments for a password login (anonymous if {@code user} is null). */
  public static List<String> pub(
      int port,
      String version,
      String clientId,
      @Nullable String user,
      @Nullable String password,
      String topic,
      String message) {
    List<String> c =
        new ArrayList<>(
            List.of(
                "mosquitto_pub",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-V",
                version,
                "-i",
                clientId,
                "-q",
                "1",
                "-t",
                topic,
                "-m",
                message));
    if (user != null) {
      c.addAll(List.of("-u", user, "-P", Objects.requireNonNull(password, "password")));
    }
    return c;
  }
}

package io.mqttguard.cli;

import io.mqttguard.config.ConfigException;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.payload.PayloadSecurityException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mqtt-guard open}: stdin envelope → stdout plaintext, checked against topic and keys. */
@Command(
    name = "open",
    description = {
      "Open a payload envelope from stdin (checks structure, key and tag against the topic and"
          + " --client-id) and write the plaintext to stdout. Exit 1 if it does not open."
    })
final class OpenCommand implements Callable<Integer> {
  private final Io io;

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "DIR",
      description = "Configuration directory with keys.json.")
  Path config = Path.of(".");

  @Option(
      names = {"-t", "--topic"},
      required = true,
      paramLabel = "T",
      description = "The topic the envelope was received on.")
  String topic = "";

  @Option(
      names = {"-i", "--client-id"},
      paramLabel = "C",
      description = "The publisher's client ID (for client-bound envelopes).")
  @Nullable String clientId;

  OpenCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws ConfigException, IOException {
    byte[] envelope = Stdin.readAll(io);
    Keyset keys = Keyset.load(config.resolve("keys.json"));
    try {
      byte[] plain =
          PayloadSealer.create(keys, io.clock(), io.random()).open(topic, clientId, envelope);
      io.stdout().write(plain);
      io.stdout().flush();
      return ExitCodes.OK;
    } catch (PayloadSecurityException e) {
      io.err().println("error: " + e.getMessage() + " (" + e.reason() + ")");
      return ExitCodes.FAILED;
    } finally {
      keys.destroy();
    }
  }
}

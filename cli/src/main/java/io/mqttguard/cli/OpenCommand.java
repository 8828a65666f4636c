package io.mqttguard.cli;

import io.mqttguard.config.ConfigException;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.Opened;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.payload.PayloadSecurityException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code mqtt-guard open}: stdin envelope or stamped payload → stdout plaintext, checked against
 * topic and keys with the core's verification ({@link PayloadSealer#openOrVerify}).
 */
@Command(
    resourceBundle = "io.mqttguard.cli.SharedOptions",
    name = "open",
    description = {
      "Open a payload envelope, or verify an HMAC-SHA256, Ed25519 or ECDSA-P256 stamp, from stdin"
          + " (wire format version 1 or 2; checks structure, key and tag or signature against the"
          + " topic and --client-id) and write the plaintext to stdout; a note on stderr names the"
          + " format version. Exit 1 if it does not open or verify."
    })
final class OpenCommand implements Callable<Integer> {
  private final Io io;

  @Mixin SharedOptions.Config config = new SharedOptions.Config();
  @Mixin SharedOptions.Topic topic = new SharedOptions.Topic();
  @Mixin SharedOptions.ClientId clientId = new SharedOptions.ClientId();

  OpenCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws ConfigException, IOException {
    String charset = PayloadArgs.argvCharset();
    String t = PayloadArgs.topicName("--topic", topic.topic, charset);
    String c = PayloadArgs.clientId("--client-id", clientId.clientId, charset);
    byte[] payload = Stdin.readAll(io);
    Keyset keys = Keyset.load(config.dir.resolve("keys.json"));
    try {
      Opened opened =
          PayloadSealer.create(keys, io.clock(), io.random()).openOrVerify(t, c, payload);
      io.stdout().write(opened.payload());
      io.stdout().flush();
      io.err().println(note(opened));
      return ExitCodes.OK;
    } catch (PayloadSecurityException e) {
      io.err().println("error: " + e.getMessage() + " (" + e.reason() + ")");
      return ExitCodes.FAILED;
    } finally {
      keys.destroy();
    }
  }

  /** What was opened, for stderr: kind, algorithm, key, format version, binding. */
  static String note(Opened opened) {
    String what =
        opened.algorithm()
            + (opened.encrypted() ? " envelope" : " stamp")
            + " of key "
            + opened.keyId()
            + " (format version "
            + opened.formatVersion()
            + (opened.clientBound() ? ", bound to the client ID" : "")
            + ")";
    return opened.encrypted()
        ? "note: " + what + " opened"
        : "note: " + what + " verified; the payload was not encrypted";
  }
}

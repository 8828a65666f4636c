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
          + " (checks structure, key and tag or signature against the topic and --client-id) and"
          + " write the plaintext to stdout. Exit 1 if it does not open or verify."
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
      if (!opened.encrypted()) {
        io.err()
            .println(
                "note: "
                    + opened.algorithm()
                    + " stamp of key "
                    + opened.keyId()
                    + " verified; the payload was not encrypted");
      }
      return ExitCodes.OK;
    } catch (PayloadSecurityException e) {
      io.err().println("error: " + e.getMessage() + " (" + e.reason() + ")");
      return ExitCodes.FAILED;
    } finally {
      keys.destroy();
    }
  }
}

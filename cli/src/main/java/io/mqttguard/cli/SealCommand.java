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

/** {@code mqtt-guard seal}: stdin plaintext → stdout envelope bound to the topic. */
@Command(
    name = "seal",
    description = {
      "Seal stdin into a payload envelope bound to the topic (and to --client-id), written to"
          + " stdout. Uses the primary AEAD key of CONFIG/keys.json unless --key-id;"
          + " --hmac stamps with the primary HMAC key instead of encrypting."
    })
final class SealCommand implements Callable<Integer> {
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
      description = "Topic.")
  String topic = "";

  @Option(
      names = {"-i", "--client-id"},
      paramLabel = "C",
      description = "Bind the envelope to the publisher's client ID.")
  @Nullable String clientId;

  @Option(names = "--key-id", paramLabel = "N", description = "Use this key, not the primary.")
  @Nullable Long keyId;

  @Option(names = "--hmac", description = "HMAC-SHA256 stamp (integrity only) instead of AEAD.")
  boolean hmac;

  @Option(
      names = "--sign",
      paramLabel = "PRIVATE_KEY",
      description =
          "Signature stamp with this device key (PKCS#8 PEM from keygen); needs --key-id of its"
              + " public key in keys.json.")
  @Nullable Path sign;

  SealCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws ConfigException, IOException {
    byte[] input = Stdin.readAll(io);
    Path signer = sign;
    if (signer != null) {
      Long id = keyId;
      if (id == null) {
        throw new CliException("--sign needs --key-id (the ID of its public key in keys.json)");
      }
      try {
        io.stdout()
            .write(
                PayloadSealer.sign(SigningKeys.readPrivate(signer), id, topic, input, io.clock()));
        io.stdout().flush();
        return ExitCodes.OK;
      } catch (PayloadSecurityException e) {
        io.err().println("error: " + e.getMessage() + " (" + e.reason() + ")");
        return ExitCodes.FAILED;
      }
    }
    Keyset keys = Keyset.load(config.resolve("keys.json"));
    try {
      PayloadSealer sealer = PayloadSealer.create(keys, io.clock(), io.random());
      Long k = keyId;
      if (k != null) {
        try {
          sealer = sealer.withKey(k);
        } catch (IllegalArgumentException e) {
          throw new CliException("key " + k + " does not exist in keys.json or is disabled");
        }
      }
      byte[] out;
      String c = clientId;
      if (hmac) {
        out = sealer.stamp(topic, input);
      } else {
        out = c == null ? sealer.seal(topic, input) : sealer.sealBound(topic, c, input);
      }
      io.stdout().write(out);
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

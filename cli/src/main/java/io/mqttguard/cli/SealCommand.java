package io.mqttguard.cli;

import io.mqttguard.config.ConfigException;
import io.mqttguard.envelope.EnvelopeException;
import io.mqttguard.envelope.Sealer;
import io.mqttguard.envelope.WireKey;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.payload.PayloadSecurityException;
import io.mqttguard.payload.RefusalReason;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mqtt-guard seal}: stdin plaintext → stdout envelope bound to the topic. */
@Command(
    resourceBundle = "io.mqttguard.cli.SharedOptions",
    name = "seal",
    description = {
      "Seal stdin into a payload envelope bound to the topic (and to --client-id), written to"
          + " stdout. Uses the primary AEAD key of CONFIG/keys.json unless --key-id;"
          + " --hmac stamps with the primary HMAC key instead of encrypting; --sign stamps with a"
          + " device's private key. A --key-id that does not fit the operation is a usage error."
          + " Writes wire format version 2 (stamps with a nonce, bindable to --client-id) unless"
          + " --format-version 1."
    })
final class SealCommand implements Callable<Integer> {
  private final Io io;

  @Mixin SharedOptions.Config config = new SharedOptions.Config();
  @Mixin SharedOptions.Topic topic = new SharedOptions.Topic();
  @Mixin SharedOptions.ClientId clientId = new SharedOptions.ClientId();

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

  @Option(
      names = "--format-version",
      paramLabel = "1|2",
      defaultValue = "2",
      description =
          "Wire format version to write (default: ${DEFAULT-VALUE}). 1 = legacy: stamps without"
              + " nonce, never bound to a client ID.")
  int formatVersion = 2;

  SealCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws ConfigException, IOException {
    String charset = PayloadArgs.argvCharset();
    String t = PayloadArgs.topicName("--topic", topic.topic, charset);
    String c = PayloadArgs.clientId("--client-id", clientId.clientId, charset);
    Path signer = sign;
    if (hmac && signer != null) {
      throw new CliException("--hmac and --sign are two kinds of stamp; give one of them");
    }
    if (formatVersion != 1 && formatVersion != 2) {
      throw new CliException("--format-version must be 1 or 2, not " + formatVersion);
    }
    if (c != null && (hmac || signer != null) && formatVersion == 1) {
      throw new CliException(
          "version 1 stamps cannot be bound to a client ID; drop --client-id or use"
              + " --format-version 2");
    }
    byte[] input = Stdin.readAll(io);
    Keyset keys = Keyset.load(config.dir.resolve("keys.json"));
    try {
      byte[] out = signer != null ? signed(keys, signer, t, c, input) : sealed(keys, t, c, input);
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

  private byte[] sealed(Keyset keys, String t, @Nullable String c, byte[] input)
      throws PayloadSecurityException {
    PayloadSealer sealer =
        PayloadSealer.create(keys, io.clock(), io.random()).withFormatVersion(formatVersion);
    Long k = keyId;
    if (k != null) {
      String alg = algorithmOf(keys, k);
      List<String> fitting =
          hmac ? List.of("HMAC-SHA256") : List.of("AES-256-GCM", "CHACHA20-POLY1305");
      if (!fitting.contains(alg)) {
        throw new CliException(
            "--key-id "
                + k
                + " ("
                + alg
                + (hmac
                    ? ") cannot make an --hmac stamp: that needs an HMAC-SHA256 key"
                    : ") cannot seal an envelope: that needs an AES-256-GCM or"
                        + " CHACHA20-POLY1305 key (--hmac stamps with an HMAC-SHA256 key)"));
      }
      try {
        sealer = sealer.withKey(k);
      } catch (IllegalArgumentException e) {
        throw new CliException("--key-id " + k + " (" + alg + ") is disabled in keys.json", e);
      }
    }
    if (hmac) {
      return c == null ? sealer.stamp(t, input) : sealer.stampBound(t, c, input);
    }
    return c == null ? sealer.seal(t, input) : sealer.sealBound(t, c, input);
  }

  /**
   * A signature stamp by the private key in {@code file}, checked with the core's verification
   * against the public key {@code --key-id} of {@code keys.json} before it is written: a stamp that
   * nothing can verify is never written.
   */
  private byte[] signed(Keyset keys, Path file, String t, @Nullable String c, byte[] input)
      throws PayloadSecurityException {
    Long id = keyId;
    if (id == null) {
      throw new CliException("--sign needs --key-id (the ID of its public key in keys.json)");
    }
    PrivateKey key = SigningKeys.readPrivate(file);
    String alg = algorithmOf(keys, id);
    String own = SigningKeys.algorithm(key);
    if (!alg.equals(own)) {
      throw new CliException(
          "--key-id "
              + id
              + " ("
              + alg
              + ") does not fit --sign "
              + file
              + ", an "
              + own
              + " private key: give the ID of its public key in keys.json");
    }
    byte[] stamped =
        formatVersion == 1
            ? PayloadSealer.sign(key, id, t, input, io.clock())
            : signV2(key, id, t, c, input);
    checkVerifies(keys, file, id, alg, t, c, stamped);
    return stamped;
  }

  /**
   * A version 2 signature stamp (nonce; bound to {@code c} if given) by the wire-format library.
   */
  private byte[] signV2(PrivateKey key, long id, String t, @Nullable String c, byte[] input)
      throws PayloadSecurityException {
    Sealer sealer = Sealer.create(WireKey.signing(id, key), io.clock(), io.random());
    try {
      return c == null ? sealer.seal(t, input) : sealer.sealBound(t, c, input);
    } catch (EnvelopeException e) {
      throw new PayloadSecurityException(RefusalReason.of(e.reason()));
    }
  }

  /** Verifies {@code stamped} as {@code open} and the broker would; usage error if it does not. */
  private void checkVerifies(
      Keyset keys, Path file, long id, String alg, String t, @Nullable String c, byte[] stamped)
      throws PayloadSecurityException {
    try {
      var unused = PayloadSealer.create(keys, io.clock(), io.random()).openOrVerify(t, c, stamped);
    } catch (PayloadSecurityException e) {
      String key = "--key-id " + id + " (" + alg + ")";
      if (e.reason() == RefusalReason.KEY_DISABLED) {
        throw new CliException(key + " is disabled in keys.json", e);
      }
      if (e.reason() == RefusalReason.SIGNATURE_INVALID) {
        throw new CliException(
            "--sign "
                + file
                + " is not the private key of "
                + key
                + ": its public key in keys.json does not verify the signature",
            e);
      }
      throw e;
    }
  }

  private String algorithmOf(Keyset keys, long id) {
    String alg = keys.algorithm(id);
    if (alg == null) {
      throw new CliException(
          "--key-id " + id + " is not a key of " + config.dir.resolve("keys.json"));
    }
    return alg;
  }
}

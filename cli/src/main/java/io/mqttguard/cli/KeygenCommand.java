package io.mqttguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.JsonConfigReader;
import io.mqttguard.payload.Keyset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mqtt-guard keygen}: a new random symmetric payload key, printed or added to {@code
 * keys.json} (atomically, as the new primary; the previous primary of the same kind stays enabled).
 */
@Command(
    name = "keygen",
    description = {
      "Create a random payload key (32 bytes from the system's SecureRandom).",
      "With --file adds it to keys.json atomically as the new primary of its kind; the previous"
          + " primary becomes 'enabled' (still accepted: rotation without downtime)."
          + " Without --file prints the key entry."
    })
final class KeygenCommand implements Callable<Integer> {
  private final Io io;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "KEYS_JSON",
      description = "keys.json to update.")
  @Nullable Path file;

  @Option(
      names = {"-a", "--algorithm"},
      paramLabel = "ALG",
      description =
          "aes-256-gcm (default), chacha20-poly1305, hmac-sha256, or ed25519 / ecdsa-p256 (a"
              + " device signing key pair: the public key goes into keys.json, the private key"
              + " into --private-key).")
  String algorithm = "aes-256-gcm";

  @Option(names = "--id", paramLabel = "N", description = "Key ID (default: highest + 1).")
  @Nullable Long id;

  @Option(names = "--enabled", description = "Add as 'enabled' instead of the new primary.")
  boolean enabled;

  @Option(
      names = "--derive-topic",
      description = "Per-topic keys are derived from this master key (derive: topic).")
  boolean deriveTopic;

  @Option(
      names = "--private-key",
      paramLabel = "FILE",
      description = "Signature keys: where to write the device's private key (PKCS#8 PEM, 0600).")
  @Nullable Path privateKey;

  @Option(
      names = "--owner-username",
      paramLabel = "U",
      description = "Signature keys: the username allowed to sign with it.")
  @Nullable String ownerUsername;

  @Option(
      names = "--owner-client-id",
      paramLabel = "C",
      description = "Signature keys: the client ID allowed to sign with it.")
  @Nullable String ownerClientId;

  @Option(names = "--description", paramLabel = "TEXT", description = "Free text for operators.")
  @Nullable String description;

  KeygenCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws ConfigException {
    String alg = algorithm.toUpperCase(Locale.ROOT);
    boolean signature = alg.equals("ED25519") || alg.equals("ECDSA-P256");
    if (!signature
        && !alg.equals("AES-256-GCM")
        && !alg.equals("CHACHA20-POLY1305")
        && !alg.equals("HMAC-SHA256")) {
      throw new CliException(
          "--algorithm must be aes-256-gcm, chacha20-poly1305, hmac-sha256, ed25519 or"
              + " ecdsa-p256, but was '"
              + algorithm
              + "'");
    }
    if (signature && (privateKey == null || (ownerUsername == null && ownerClientId == null))) {
      throw new CliException(
          "a signature key needs --private-key FILE and --owner-username and/or"
              + " --owner-client-id");
    }
    Path target = file;
    ObjectNode doc = target != null && Files.exists(target) ? load(target) : newDocument();
    ArrayNode keys = doc.withArrayProperty("keys");
    long keyId = id != null ? id : nextId(keys);
    ObjectNode entry = JsonFiles.object();
    entry.put("id", keyId);
    entry.put("algorithm", alg);
    // Signature keys are never primary (keys.json schema): only AEAD and HMAC keys seal.
    String status = enabled || signature ? "enabled" : "primary";
    entry.put("status", status);
    java.security.KeyPair pair = null;
    if (signature) {
      pair = SigningKeys.generate(alg, io.random());
      entry.put("publicKey", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
      ObjectNode owner = entry.putObject("owner");
      if (ownerUsername != null) {
        owner.put("username", ownerUsername);
      }
      if (ownerClientId != null) {
        owner.put("clientId", ownerClientId);
      }
    } else {
      byte[] material = new byte[32];
      io.random().nextBytes(material);
      entry.put("material", Base64.getEncoder().encodeToString(material));
      Arrays.fill(material, (byte) 0);
    }
    if (deriveTopic) {
      entry.put("derive", "topic");
    }
    if (description != null) {
      entry.put("description", description);
    }
    if (!enabled && !signature) {
      demotePrimary(keys, kind(alg));
    }
    keys.add(entry);
    byte[] content = JsonFiles.render(doc);
    String name = target == null ? "keys.json" : ImportMosquittoCommand.name(target);
    Keyset.parse(name, content).destroy();
    Path pkFile = privateKey;
    if (pair != null && pkFile != null) {
      SigningKeys.writePrivate(pkFile, pair.getPrivate());
      io.err().println("wrote the private key to " + pkFile + " (give it to the device only)");
    }
    if (target == null) {
      io.out().print(new String(JsonFiles.render(entry), java.nio.charset.StandardCharsets.UTF_8));
      return ExitCodes.OK;
    }
    JsonFiles.writeAtomically(target, content);
    io.out().println(keyId);
    io.err().println("added key " + keyId + " (" + alg + ", " + status + ") to " + target);
    return ExitCodes.OK;
  }

  private static String kind(String alg) {
    return alg.equals("HMAC-SHA256") ? "mac" : "aead";
  }

  private static void demotePrimary(ArrayNode keys, String kind) {
    for (JsonNode k : keys) {
      if (k instanceof ObjectNode o
          && "primary".equals(o.path("status").asText())
          && kind.equals(kind(o.path("algorithm").asText()))) {
        o.put("status", "enabled");
      }
    }
  }

  private static long nextId(ArrayNode keys) {
    long max = 0;
    for (JsonNode k : keys) {
      max = Math.max(max, k.path("id").asLong(0));
    }
    return max + 1;
  }

  private static ObjectNode newDocument() {
    ObjectNode doc = JsonFiles.object();
    doc.put("$schema", "https://mqttguard.io/schemas/keys-1.json");
    doc.putArray("keys");
    return doc;
  }

  private static ObjectNode load(Path file) throws ConfigException {
    JsonNode root = new JsonConfigReader().read(file, Keyset.SCHEMA);
    if (!(root instanceof ObjectNode object)) {
      throw new CliException(file + ": expected a JSON object");
    }
    return object;
  }
}

package io.mqttguard.it.clients;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One way to seal, with the keys of {@link TestConfig}: an algorithm, a key (primary, explicit or
 * derived) and whether the result is bound to the publisher's client ID.
 *
 * @param name short name for test display
 * @param algorithm the key's algorithm as in keys.json
 * @param keyId the key that must appear in the header
 * @param options the {@code seal} options choosing the key (the same in every implementation and in
 *     {@code examples/publish_sealed.py}); a {@code %s} stands for the config directory
 * @param bound whether it is bound to the client ID
 */
record SealCase(String name, String algorithm, long keyId, List<String> options, boolean bound) {
  private static final List<SealCase> UNBOUND =
      List.of(
          new SealCase("aes-256-gcm", "AES-256-GCM", 1, List.of(), false),
          new SealCase(
              "chacha20-poly1305", "CHACHA20-POLY1305", 2, List.of("--key-id", "2"), false),
          new SealCase("aes-256-gcm-derived", "AES-256-GCM", 3, List.of("--key-id", "3"), false),
          new SealCase("hmac-sha256", "HMAC-SHA256", 4, List.of("--hmac"), false),
          new SealCase(
              "hmac-sha256-derived", "HMAC-SHA256", 5, List.of("--hmac", "--key-id", "5"), false),
          new SealCase(
              "ed25519",
              "ED25519",
              20,
              List.of("--sign", "%s/ed25519.pem", "--key-id", "20"),
              false),
          new SealCase(
              "ecdsa-p256",
              "ECDSA-P256",
              21,
              List.of("--sign", "%s/ecdsa-p256.pem", "--key-id", "21"),
              false));

  /** Every case that format {@code version} has (version 1 stamps cannot be bound). */
  static List<SealCase> all(int version) {
    return UNBOUND.stream()
        .flatMap(
            c ->
                Stream.of(
                    c, new SealCase(c.name + "-bound", c.algorithm, c.keyId, c.options, true)))
        .filter(c -> !(c.bound && c.stamp() && version == 1))
        .toList();
  }

  /** A stamp (payload in clear) rather than an envelope. */
  boolean stamp() {
    return !algorithm.equals("AES-256-GCM") && !algorithm.equals("CHACHA20-POLY1305");
  }

  /** The wire byte of the algorithm. */
  int algorithmByte() {
    return switch (algorithm) {
      case "AES-256-GCM" -> 0x01;
      case "CHACHA20-POLY1305" -> 0x02;
      case "HMAC-SHA256" -> 0x10;
      case "ED25519" -> 0x20;
      default -> 0x21;
    };
  }

  /** Bytes before the payload: envelope header and tag, or stamp header and tag/signature. */
  int overhead(int version) {
    if (!stamp()) {
      return 43;
    }
    return (version == 1 ? 15 : 27) + (algorithm.equals("HMAC-SHA256") ? 32 : 64);
  }

  /** The broker rule's topic prefix for this case (see {@link TestConfig#PAYLOAD}). */
  String rulePrefix() {
    if (!stamp()) {
      return bound ? "enc/bound" : "enc";
    }
    return algorithm.equals("HMAC-SHA256") ? "hmac" : "sig";
  }

  /** {@code --config} and the options choosing the key, for {@code config}. */
  List<String> keyOptions(Path config) {
    List<String> o = new ArrayList<>(List.of("--config", config.toString()));
    options.forEach(x -> o.add(x.replace("%s", config.toString())));
    return o;
  }

  /** The seal options for {@code config}, topic and client ID (bound cases only). */
  List<String> sealOptions(Path config, String topic, @Nullable String clientId) {
    List<String> o = new ArrayList<>(keyOptions(config));
    o.addAll(List.of("--topic", topic));
    if (bound && clientId != null) {
      o.addAll(List.of("--client-id", clientId));
    }
    return o;
  }
}

package io.mqttguard.it.clients;

import io.mqttguard.auth.PasswordHasher;
import io.mqttguard.config.ConfigException;
import io.mqttguard.payload.Keyset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A configuration directory made for one test run: {@code keys.json} with fresh random keys of
 * every algorithm (validated by the core's {@link Keyset#load}), the devices' private keys as
 * PKCS#8 PEM, and for the broker a user {@code dev} who may do everything and the payload rules of
 * {@link #PAYLOAD}.
 *
 * <p>Keys: 1 AES-256-GCM (primary), 2 CHACHA20-POLY1305, 3 AES-256-GCM derived per topic, 4
 * HMAC-SHA256 (primary), 5 HMAC-SHA256 derived per topic, 20 ED25519 ({@code ed25519.pem}), 21
 * ECDSA-P256 ({@code ecdsa-p256.pem}); the signature keys are owned by user {@code dev}.
 */
final class TestConfig {
  static final String USER = "dev";
  static final String PASSWORD = "dev-secret-pw";

  /** Rules: bound envelopes on enc/bound/#, envelopes on enc/#, HMAC on hmac/#, sig on sig/#. */
  static final String PAYLOAD =
      """
      {"rules": [
        {"name": "bound", "topics": ["enc/bound/#"], "action": "decrypt", "keys": [1, 2, 3],
         "requireClientBinding": true},
        {"name": "telemetry", "topics": ["enc/#"], "action": "decrypt", "keys": [1, 2, 3]},
        {"name": "commands", "topics": ["hmac/#"], "action": "verify-hmac", "keys": [4, 5]},
        {"name": "firmware", "topics": ["sig/#"], "action": "verify-signature", "keys": [20, 21]}
      ]}
      """;

  private static final String ACL =
      """
      {"roles": {"device": {"rules": [
        {"effect": "allow", "actions": ["publish", "subscribe", "receive"], "topics": ["#"]}]}}}
      """;

  private static final String GUARD =
      """
      {"listeners": {"tcp": {"authentication": "password", "requireTlsForPassword": false}},
       "lockout": {"enabled": false}}
      """;

  private TestConfig() {}

  /** Writes the directory's files into {@code dir}. */
  static void write(Path dir) throws IOException, GeneralSecurityException, ConfigException {
    SecureRandom random = new SecureRandom();
    KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair p256 = ec.generateKeyPair();
    String keys =
        "{\"keys\": ["
            + symmetric(1, "AES-256-GCM", "primary", false, random)
            + symmetric(2, "CHACHA20-POLY1305", "enabled", false, random)
            + symmetric(3, "AES-256-GCM", "enabled", true, random)
            + symmetric(4, "HMAC-SHA256", "primary", false, random)
            + symmetric(5, "HMAC-SHA256", "enabled", true, random)
            + signature(20, "ED25519", ed)
            + ","
            + signature(21, "ECDSA-P256", p256)
            + "]}";
    Files.writeString(dir.resolve("keys.json"), keys, StandardCharsets.UTF_8);
    Keyset.load(dir.resolve("keys.json")).destroy();
    Files.writeString(dir.resolve("ed25519.pem"), pem(ed), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("ecdsa-p256.pem"), pem(p256), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("payload.json"), PAYLOAD, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("acl.json"), ACL, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("guard.json"), GUARD, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("users.json"), users(random), StandardCharsets.UTF_8);
  }

  private static String symmetric(
      int id, String algorithm, String status, boolean derive, SecureRandom random) {
    byte[] material = new byte[32];
    random.nextBytes(material);
    return String.format(
        "{\"id\": %d, \"algorithm\": \"%s\", \"status\": \"%s\", \"material\": \"%s\"%s},",
        id,
        algorithm,
        status,
        Base64.getEncoder().encodeToString(material),
        derive ? ", \"derive\": \"topic\"" : "");
  }

  private static String signature(int id, String algorithm, KeyPair pair) {
    return String.format(
        "{\"id\": %d, \"algorithm\": \"%s\", \"status\": \"enabled\", \"publicKey\": \"%s\","
            + " \"owner\": {\"username\": \"%s\"}}",
        id, algorithm, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), USER);
  }

  private static String pem(KeyPair pair) {
    Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    return "-----BEGIN PRIVATE KEY-----\n"
        + mime.encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static String users(SecureRandom random) {
    String hash = PasswordHasher.argon2id(random).hash(PASSWORD.getBytes(StandardCharsets.UTF_8));
    return "{\"users\": {\""
        + USER
        + "\": {\"password\": \""
        + hash
        + "\", \"roles\": [\"device\"]}}}";
  }
}

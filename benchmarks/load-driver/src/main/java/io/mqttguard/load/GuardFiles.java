package io.mqttguard.load;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.mqttguard.auth.PasswordHasher;
import io.mqttguard.config.ConfigException;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadSealer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * The MQTT Guard configuration of the guarded targets: one user {@code loader} (argon2id, the
 * production default) with a role that may publish only to {@code bench/+/${client.id}} and
 * subscribe to and receive {@code bench/#} except a denied carve-out, so every PUBLISH is matched
 * against a substituted rule and every delivery against an allow and a deny rule; lockout off;
 * optionally an AES-256-GCM key and a {@code decrypt} rule on {@code bench/#}. The replay cache is
 * sized for load ({@code windowSeconds} 10, {@code cacheSize} 2,000,000): with the defaults (300 s,
 * 100,000 entries) at most ~333 protected msgs/s can be sustained before every further message is
 * refused with {@code REPLAY_CACHE_FULL} (see docs/benchmarks.md). Every load client logs in as the
 * one user {@code loader}, i.e. is one publisher for the replay share, so {@code maxPerPublisher}
 * is the whole cache (the default, 10 %, would cap the run at ~18,000 msgs/s). Immutable.
 */
public final class GuardFiles {
  /** The login of every client. */
  public static final Credentials LOGIN = new Credentials("loader", "loader-load-test-pw");

  static final String ACL =
      """
      {"roles": {
        "loader": {"rules": [
          {"effect": "allow", "actions": ["publish"], "topics": ["bench/+/${client.id}"]},
          {"effect": "allow", "actions": ["subscribe", "receive"], "topics": ["bench/#"]},
          {"effect": "deny", "actions": ["receive"], "topics": ["bench/+/secret"]}
        ]},
        "operator": {"rules": [
          {"effect": "allow", "actions": ["publish", "subscribe", "receive"], "topics": ["plant/#"]}
        ]}
      }}
      """;

  /** {@link #ACL} without the receive carve-out: subscriptions alone decide what is delivered. */
  static final String ACL_WITHOUT_CARVE_OUT =
      ACL.replace(
          ",\n    {\"effect\": \"deny\", \"actions\": [\"receive\"], \"topics\": [\"bench/+/secret\"]}",
          "");

  static final String PAYLOAD =
      """
      {"replay": {"windowSeconds": 10, "cacheSize": 2000000, "maxPerPublisher": 2000000},
       "rules": [{"name": "bench", "topics": ["bench/#"], "action": "decrypt", "keys": [1]}]}
      """;

  private final String keysJson;
  private final PayloadSealer sealer;

  private GuardFiles(String keysJson, PayloadSealer sealer) {
    this.keysJson = keysJson;
    this.sealer = sealer;
  }

  /** A fresh random AES-256 key (the same one for broker and clients). */
  public static GuardFiles create() throws ConfigException {
    if (ACL_WITHOUT_CARVE_OUT.equals(ACL)) {
      throw new IllegalStateException("the carve-out rule was not removed from the ACL");
    }
    byte[] aes = new byte[32];
    new SecureRandom().nextBytes(aes);
    String keys =
        "{\"keys\": [{\"id\": 1, \"algorithm\": \"AES-256-GCM\", \"status\": \"primary\","
            + " \"material\": \""
            + Base64.getEncoder().encodeToString(aes)
            + "\"}]}";
    PayloadSealer sealer =
        PayloadSealer.create(
            Keyset.parse("keys.json", keys.getBytes(UTF_8)), Clock.systemUTC(), new SecureRandom());
    return new GuardFiles(keys, sealer);
  }

  /** The client-side sealer for the {@code decrypt} targets. */
  public PayloadSealer sealer() {
    return sealer;
  }

  /**
   * Writes acl.json, users.json, guard.json (listener {@code listener}: password over plain TCP)
   * and, if {@code decrypt}, keys.json and payload.json into {@code dir}.
   */
  public void write(Path dir, String listener, boolean decrypt) throws IOException {
    write(dir, listener, decrypt, true);
  }

  /**
   * As {@link #write(Path, String, boolean)}; without {@code carveOut} the ACL has no {@code deny
   * receive} rule, so a broker that can need not check each delivery.
   */
  public void write(Path dir, String listener, boolean decrypt, boolean carveOut)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("acl.json"), carveOut ? ACL : ACL_WITHOUT_CARVE_OUT, UTF_8);
    String hash =
        PasswordHasher.argon2id(new SecureRandom()).hash(LOGIN.password().getBytes(UTF_8));
    Files.writeString(
        dir.resolve("users.json"),
        "{\"users\": {\""
            + LOGIN.username()
            + "\": {\"password\": \""
            + hash
            + "\","
            + " \"roles\": [\"loader\"]}}}",
        UTF_8);
    Files.writeString(
        dir.resolve("guard.json"),
        "{\"listeners\": {\""
            + listener
            + "\": {\"authentication\": \"password\", \"requireTlsForPassword\": false}},"
            + " \"lockout\": {\"enabled\": false}}",
        UTF_8);
    if (decrypt) {
      Files.writeString(dir.resolve("keys.json"), keysJson, UTF_8);
      Files.writeString(dir.resolve("payload.json"), PAYLOAD, UTF_8);
    }
  }
}

package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * A configuration directory made with {@code keygen} as an operator would: key 1 AES-256-GCM
 * (primary), 2 HMAC-SHA256 (primary), 3 ED25519 and 4 ECDSA-P256 (private keys {@code ed.key},
 * {@code ec.key}), 5 CHACHA20-POLY1305 (enabled), 6 HMAC-SHA256 (disabled).
 */
final class PayloadKeys {
  private PayloadKeys() {}

  static Path create(Path dir) throws Exception {
    Path keys = dir.resolve("keys.json");
    keygen("--file", keys.toString());
    keygen("--file", keys.toString(), "-a", "hmac-sha256");
    keygen(signing(keys, "ed25519", dir.resolve("ed.key")));
    keygen(signing(keys, "ecdsa-p256", dir.resolve("ec.key")));
    keygen("--file", keys.toString(), "-a", "chacha20-poly1305", "--enabled");
    keygen("--file", keys.toString(), "-a", "hmac-sha256", "--enabled");
    ObjectMapper json = new ObjectMapper();
    JsonNode doc = json.readTree(keys.toFile());
    ((ObjectNode) doc.at("/keys/5")).put("status", "disabled");
    json.writeValue(keys.toFile(), doc);
    return dir;
  }

  private static String[] signing(Path keys, String algorithm, Path privateKey) {
    return new String[] {
      "--file",
      keys.toString(),
      "-a",
      algorithm,
      "--owner-username",
      "dev-1",
      "--private-key",
      privateKey.toString()
    };
  }

  private static void keygen(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "keygen";
    System.arraycopy(args, 0, all, 1, args.length);
    Cli.Result r = Cli.run(all);
    assertThat(r.code()).as(r.toString()).isZero();
  }
}

package io.mqttguard.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** Keys and names of a vector of {@code docs/payload-vectors.json}. */
final class Vectors {
  private static final HexFormat HEX = HexFormat.of();

  private Vectors() {}

  static Algorithm algorithm(JsonNode v) {
    Algorithm a = Algorithm.fromJson(v.path("algorithm").asText());
    if (a == null) {
      throw new IllegalArgumentException("unknown algorithm in " + v.path("name"));
    }
    return a;
  }

  /** The key a device seals with (the master for derived keys: the sealer derives). */
  static WireKey sealingKey(JsonNode v) throws GeneralSecurityException {
    Algorithm a = algorithm(v);
    long id = v.path("keyId").asLong();
    if (a.kind() != Algorithm.Kind.SIGNATURE) {
      return WireKey.symmetric(
          id, a, HEX.parseHex(v.path("key").asText()), "topic".equals(v.path("derive").asText()));
    }
    byte[] priv = HEX.parseHex(v.path("privateKey").asText());
    return WireKey.signing(
        id, a == Algorithm.ED25519 ? TestKeys.ed25519(priv) : TestKeys.p256(priv));
  }

  /** The key a broker opens with (keys.json: material, or the public key). */
  static WireKey openingKey(JsonNode v) throws GeneralSecurityException {
    Algorithm a = algorithm(v);
    return a.kind() == Algorithm.Kind.SIGNATURE
        ? WireKey.verifying(v.path("keyId").asLong(), a, HEX.parseHex(v.path("publicKey").asText()))
        : sealingKey(v);
  }

  static @Nullable String clientId(JsonNode n) {
    return n.path("clientId").isNull() || n.path("clientId").isMissingNode()
        ? null
        : n.path("clientId").asText();
  }
}

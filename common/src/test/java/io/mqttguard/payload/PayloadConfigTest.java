package io.mqttguard.payload;

import static io.mqttguard.payload.Fixtures.b64;
import static io.mqttguard.payload.Fixtures.key;
import static io.mqttguard.payload.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.envelope.Algorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading keys.json and payload.json: every problem with file and pointer, never a secret. */
class PayloadConfigTest {

  private static ConfigException keysError(String json) {
    try {
      var unused = Keyset.parse("keys.json", utf8(json));
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("expected a ConfigException");
  }

  @Test
  void load_validFiles_fromDisk(@TempDir Path dir) throws Exception {
    Path keys = Files.writeString(dir.resolve("keys.json"), Fixtures.keysJson());
    Path rules = Files.writeString(dir.resolve("payload.json"), Fixtures.payloadJson());
    PayloadConfig config = PayloadConfig.load(keys, rules);
    assertThat(config.ruleCount()).isEqualTo(5);
    assertThat(config.keys().size()).isEqualTo(4);
    assertThat(config.replayWindowSeconds()).isEqualTo(300);
    assertThat(config.toString()).doesNotContain(b64(key(1)));
  }

  @Test
  void keys_duplicateIdWrongLengthBadBase64TwoPrimaries_allReportedWithPointers() {
    String json =
        """
        {"keys": [
          {"id": 1, "algorithm": "AES-256-GCM", "status": "primary", "material": "%s"},
          {"id": 1, "algorithm": "AES-256-GCM", "status": "enabled", "material": "%s"},
          {"id": 2, "algorithm": "AES-256-GCM", "status": "enabled", "material": "AAAA"},
          {"id": 3, "algorithm": "AES-256-GCM", "status": "enabled", "material": "AAAAA"},
          {"id": 5, "algorithm": "CHACHA20-POLY1305", "status": "primary", "material": "%s"}
        ]}
        """
            .formatted(b64(key(1)), b64(key(9)), b64(key(5)));
    ConfigException e = keysError(json);
    assertThat(e.problems())
        .extracting(ConfigProblem::pointer)
        .containsExactlyInAnyOrder(
            "/keys/1/id", "/keys/2/material", "/keys/3/material", "/keys/4/status");
    assertThat(e.getMessage())
        .contains("used twice", "must be 32 bytes, but was 3", "base64", "only one AEAD key")
        .doesNotContain(b64(key(1)), b64(key(9)), b64(key(5)));
  }

  @Test
  void keys_unknownFieldOrAlgorithm_isASchemaError() {
    ConfigException e =
        keysError(
            """
            {"keys": [{"id": 1, "algorithm": "AES-128-GCM", "status": "primary",
                       "material": "AAAA", "secret": "x"}]}
            """);
    assertThat(e.problems()).extracting(ConfigProblem::pointer).contains("/keys/0/algorithm");
    assertThat(e.problems()).extracting(ConfigProblem::file).containsOnly("keys.json");
  }

  @Test
  void keys_signatureKeyNeedsOwnerAndValidPublicKey() {
    ConfigException e =
        keysError(
            """
            {"keys": [
              {"id": 20, "algorithm": "ED25519", "status": "primary", "publicKey": "AAAA"}
            ]}
            """);
    assertThat(e.getMessage())
        .contains("/keys/0/status", "needs an owner", "/keys/0/publicKey", "SubjectPublicKeyInfo");
  }

  @Test
  void rules_unknownKeyWrongKindBadFilterAndMisplacedOptions_reported() throws Exception {
    Keyset keys = Fixtures.keyset();
    String rules =
        """
        {"rules": [
          {"topics": ["a/#"], "action": "decrypt", "keys": [9]},
          {"topics": ["b/#"], "action": "decrypt", "keys": [4]},
          {"topics": ["c/#/d"], "action": "verify-hmac", "keys": [4]},
          {"topics": ["e"], "action": "require-protected", "keys": [1], "keepStamp": true},
          {"topics": ["f"], "action": "verify-hmac"}
        ]}
        """;
    assertThatThrownBy(() -> PayloadConfig.withKeys(keys, "payload.json", utf8(rules)))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::pointer)
                    .containsExactlyInAnyOrder(
                        "/rules/0/keys/0",
                        "/rules/1/keys/0",
                        "/rules/2/topics/0",
                        "/rules/3/keys",
                        "/rules/3/keepStamp",
                        "/rules/4"));
  }

  @Test
  void keysetToString_showsIdsAndStatusOnly() throws Exception {
    assertThat(Fixtures.keyset().toString())
        .isEqualTo(
            "Keyset[Key[1 AES-256-GCM PRIMARY], Key[2 CHACHA20-POLY1305 ENABLED],"
                + " Key[3 AES-256-GCM ENABLED], Key[4 HMAC-SHA256 PRIMARY]]");
    assertThat(Objects.requireNonNull(Fixtures.keyset().key(1)).wireKey())
        .hasToString("WireKey[1 AES-256-GCM]");
  }

  @Test
  void keys_hmacLengthBoundsFieldsOfOtherKindsAndForeignCurves_reported() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
    String p384 = b64(g.generateKeyPair().getPublic().getEncoded());
    String json =
        """
        {"keys": [
          {"id": 1, "algorithm": "HMAC-SHA256", "status": "enabled", "material": "%s"},
          {"id": 2, "algorithm": "HMAC-SHA256", "status": "enabled", "material": "%s"},
          {"id": 3, "algorithm": "AES-256-GCM", "status": "enabled", "material": "%s",
           "publicKey": "%s", "owner": {"username": "x"}},
          {"id": 4, "algorithm": "ECDSA-P256", "status": "enabled", "publicKey": "%s",
           "owner": {"clientId": "c"}},
          {"id": 5, "algorithm": "ED25519", "status": "enabled", "material": "%s",
           "derive": "topic", "publicKey": "%s", "owner": {"clientId": "c"}}
        ]}
        """
            .formatted(
                b64(new byte[64]), b64(new byte[65]), b64(key(3)), p384, p384, b64(key(5)), p384);
    ConfigException e = keysError(json);
    assertThat(e.problems())
        .extracting(ConfigProblem::pointer)
        .containsExactlyInAnyOrder(
            "/keys/1/material",
            "/keys/2/publicKey",
            "/keys/2/owner",
            "/keys/3/publicKey",
            "/keys/4/material",
            "/keys/4/derive",
            "/keys/4/publicKey");
    assertThat(e.getMessage()).contains("must be 32..64 bytes, but was 65");
  }

  @Test
  void keys_disabledKeyNeedsNoMaterial_andIsRefusedAsDisabled() throws Exception {
    Keyset keys =
        Keyset.parse(
            "keys.json",
            utf8(
                """
                {"keys": [{"id": 7, "algorithm": "AES-256-GCM", "status": "disabled"}]}
                """));
    assertThat(keys.size()).isEqualTo(1);
    assertThat(keys.primary(Algorithm.Kind.AEAD)).isNull();
  }
}

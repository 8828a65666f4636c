package io.mqttguard.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs EVERY vector and EVERY must-not-open case of {@code docs/payload-vectors.json} (written by
 * the lead's independent Python implementation, {@code docs/vectors/generate.py}), read from the
 * repository (path in system property {@code mqttguard.vectors}, set by the pom). Sealing with the
 * vector's key, nonce and timestamp must give {@code expected} byte for byte (ECDSA: every byte but
 * the signature, and the signature must verify); opening {@code expected} must give the plaintext;
 * every must-not-open case must fail with exactly its reason.
 */
class PayloadVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonNode FILE = load();

  private static JsonNode load() {
    String path =
        Objects.requireNonNull(
            System.getProperty("mqttguard.vectors"), "system property mqttguard.vectors");
    try {
      return new ObjectMapper().readTree(Files.readAllBytes(Path.of(path)));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the vectors file " + path, e);
    }
  }

  @Test
  void vectorsFile_isTheRepositorysAndHoldsAllVersionsAndAlgorithms() {
    List<String> kinds = new ArrayList<>();
    FILE.path("vectors")
        .forEach(v -> kinds.add(v.path("version").asInt() + v.path("algorithm").asText()));
    for (Algorithm a : Algorithm.values()) {
      assertThat(kinds).contains("2" + a.jsonName());
    }
    assertThat(kinds).contains("1AES-256-GCM", "1HMAC-SHA256", "1ED25519", "1ECDSA-P256");
    assertThat(FILE.path("vectors").size()).isGreaterThanOrEqualTo(16);
    assertThat(FILE.path("mustNotOpen").size()).isGreaterThanOrEqualTo(12);
  }

  @TestFactory
  Stream<DynamicTest> everyVector_sealsToExpectedBytes_andOpensToItsPlaintext() {
    List<DynamicTest> tests = new ArrayList<>();
    FILE.path("vectors").forEach(v -> tests.add(DynamicTest.dynamicTest(name(v), () -> run(v))));
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyMustNotOpenCase_isRefusedWithExactlyItsReason() {
    Map<String, JsonNode> byName = new java.util.HashMap<>();
    FILE.path("vectors").forEach(v -> byName.put(v.path("name").asText(), v));
    List<DynamicTest> tests = new ArrayList<>();
    FILE.path("mustNotOpen")
        .forEach(
            c ->
                tests.add(
                    DynamicTest.dynamicTest(
                        name(c),
                        () ->
                            refuse(
                                c,
                                Objects.requireNonNull(byName.get(c.path("vector").asText()))))));
    return tests.stream();
  }

  private static void run(JsonNode v) throws Exception {
    WireKey sealing = Vectors.sealingKey(v);
    byte[] nonce = v.path("nonce").isNull() ? new byte[0] : HEX.parseHex(v.path("nonce").asText());
    Sealer sealer =
        Sealer.create(
                sealing, TestKeys.at(v.path("timestamp").asLong()), TestKeys.firstYields(nonce))
            .withFormatVersion(v.path("version").asInt());
    byte[] plaintext = HEX.parseHex(v.path("plaintext").asText());
    String topic = v.path("topic").asText();
    String clientId = Vectors.clientId(v);
    byte[] sealed =
        clientId == null
            ? sealer.seal(topic, plaintext)
            : sealer.sealBound(topic, clientId, plaintext);
    byte[] expected = HEX.parseHex(v.path("expected").asText());
    WireKey opening = Vectors.openingKey(v);
    if (v.path("deterministic").asBoolean()) {
      assertThat(HEX.formatHex(sealed)).isEqualTo(HEX.formatHex(expected));
    } else {
      Header h = Header.parse(expected);
      int sig = h.headerLength();
      assertThat(sealed).hasSameSizeAs(expected);
      assertThat(HEX.formatHex(sealed, 0, sig)).isEqualTo(HEX.formatHex(expected, 0, sig));
      assertThat(HEX.formatHex(sealed, sig + 64, sealed.length))
          .isEqualTo(HEX.formatHex(expected, sig + 64, expected.length));
      Opened mine = Opener.create().open(id -> opening, topic, clientId, sealed);
      assertThat(mine.payload()).isEqualTo(plaintext);
    }
    if (v.has("topicKey")) {
      assertThat(HEX.formatHex(sealing.topicKey(topic))).isEqualTo(v.path("topicKey").asText());
    }
    Opened opened =
        Opener.create().open(id -> id == opening.id() ? opening : null, topic, clientId, expected);
    assertThat(opened.payload()).isEqualTo(plaintext);
    assertThat(opened.header().version()).isEqualTo(v.path("version").asInt());
    assertThat(opened.header().timestamp()).isEqualTo(v.path("timestamp").asLong());
    assertThat(opened.header().clientBound()).isEqualTo(clientId != null);
    assertThat(opened.encrypted()).isEqualTo("envelope".equals(v.path("kind").asText()));
  }

  private static void refuse(JsonNode c, JsonNode vector) throws Exception {
    WireKey key = Vectors.openingKey(vector);
    byte[] sealed = HEX.parseHex(c.path("sealed").asText());
    String clientId = Vectors.clientId(c);
    assertThatThrownBy(
            () ->
                Opener.create()
                    .open(
                        id -> id == key.id() ? key : null,
                        c.path("topic").asText(),
                        clientId,
                        sealed))
        .isInstanceOfSatisfying(
            EnvelopeException.class,
            e -> {
              assertThat(e.reason().name()).isEqualTo(c.path("reason").asText());
              assertThat(e).hasMessage(EnvelopeException.MESSAGE);
            });
  }

  private static String name(JsonNode n) {
    return n.path("name").asText();
  }
}

package io.mqttguard.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof vectors (subsets, see the attribution in the resources) run through {@link Aead}, the
 * code path the guard and the sealer use. Valid vectors must decrypt to the message and encrypt to
 * ciphertext ‖ tag; invalid ones, and every single-bit flip of a valid one, must fail.
 */
class WycheproofTest {
  private static final HexFormat HEX = HexFormat.of();

  record Vector(Algorithm algorithm, JsonNode test) {
    byte[] hex(String field) {
      return HEX.parseHex(test.path(field).asText());
    }

    @Override
    public String toString() {
      return algorithm.jsonName() + " tcId " + test.path("tcId").asInt();
    }
  }

  static List<Vector> vectors() throws Exception {
    List<Vector> all = new ArrayList<>();
    add(all, "wycheproof_aes_gcm_256_subset.json", Algorithm.AES_256_GCM);
    add(all, "wycheproof_chacha20_poly1305_subset.json", Algorithm.CHACHA20_POLY1305);
    return all;
  }

  private static void add(List<Vector> all, String resource, Algorithm a) throws Exception {
    try (InputStream in = WycheproofTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      for (JsonNode t : new ObjectMapper().readTree(in).path("tests")) {
        all.add(new Vector(a, t));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vector_decryptsExactlyWhenValid(Vector v) throws Exception {
    byte[] ctTag = concat(v.hex("ct"), v.hex("tag"));
    byte[] plain = open(v, ctTag);
    if (v.test().path("result").asText().equals("valid")) {
      assertThat(plain).isEqualTo(v.hex("msg"));
      byte[] out = new byte[ctTag.length];
      Aead.seal(
          cipher(v), v.algorithm(), key(v), v.hex("iv"), 0, v.hex("aad"), v.hex("msg"), out, 0);
      assertThat(out).isEqualTo(ctTag);
    } else {
      assertThat(plain).isNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vector_everySingleBitFlipOfCiphertextOrTag_fails(Vector v) throws Exception {
    if (!v.test().path("result").asText().equals("valid")) {
      return;
    }
    byte[] ctTag = concat(v.hex("ct"), v.hex("tag"));
    for (int bit = 0; bit < ctTag.length * 8; bit++) {
      byte[] flipped = ctTag.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(open(v, flipped)).as("bit %d", bit).isNull();
    }
  }

  private static byte @Nullable [] open(Vector v, byte[] ctTag) throws GeneralSecurityException {
    return Aead.open(
        cipher(v), v.algorithm(), key(v), v.hex("iv"), 0, v.hex("aad"), ctTag, 0, ctTag.length);
  }

  /** A new {@code Cipher} per call, as a first use on a thread. */
  private static Cipher cipher(Vector v) throws GeneralSecurityException {
    return Cipher.getInstance(v.algorithm().jcaName);
  }

  private static SecretKeySpec key(Vector v) {
    return new SecretKeySpec(v.hex("key"), v.algorithm().keyAlgorithm);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

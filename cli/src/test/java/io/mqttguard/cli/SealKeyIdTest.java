package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seal --key-id N} uses key N or refuses (exit 2, naming the key's algorithm); it never
 * silently takes another key, and never writes a stamp that nothing verifies (issue 15 item 9).
 */
class SealKeyIdTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @BeforeEach
  void keys() throws Exception {
    var unused = PayloadKeys.create(dir);
  }

  @Test
  void envelope_withAnHmacOrSignatureKeyId_exit2NamingTheAlgorithm() {
    Cli.Result hmacKey = seal("--key-id", "2");
    Cli.Result signatureKey = seal("--key-id", "3");

    assertUsage(
        hmacKey,
        "error: --key-id 2 (HMAC-SHA256) cannot seal an envelope: that needs an AES-256-GCM or"
            + " CHACHA20-POLY1305 key (--hmac stamps with an HMAC-SHA256 key)");
    assertUsage(
        signatureKey,
        "error: --key-id 3 (ED25519) cannot seal an envelope: that needs an AES-256-GCM or"
            + " CHACHA20-POLY1305 key (--hmac stamps with an HMAC-SHA256 key)");
  }

  @Test
  void hmac_withAnAeadOrSignatureKeyId_exit2NamingTheAlgorithm() {
    assertUsage(
        seal("--hmac", "--key-id", "1"),
        "error: --key-id 1 (AES-256-GCM) cannot make an --hmac stamp: that needs an HMAC-SHA256"
            + " key");
    assertUsage(
        seal("--hmac", "--key-id", "4"),
        "error: --key-id 4 (ECDSA-P256) cannot make an --hmac stamp: that needs an HMAC-SHA256"
            + " key");
  }

  @Test
  void sign_withTheIdOfAKeyOfAnotherAlgorithm_exit2() {
    String ed = dir.resolve("ed.key").toString();

    assertUsage(
        seal("--sign", ed, "--key-id", "4"),
        "error: --key-id 4 (ECDSA-P256) does not fit --sign "
            + ed
            + ", an ED25519 private key: give the ID of its public key in keys.json");
    assertUsage(
        seal("--sign", ed, "--key-id", "2"),
        "error: --key-id 2 (HMAC-SHA256) does not fit --sign "
            + ed
            + ", an ED25519 private key: give the ID of its public key in keys.json");
  }

  @Test
  void sign_withAnotherKeyPairsPrivateKey_exit2_nothingWritten() {
    Cli.Result other =
        Cli.run(
            "keygen",
            "-a",
            "ed25519",
            "--owner-username",
            "x",
            "--private-key",
            dir.resolve("other.key").toString());
    String otherKey = dir.resolve("other.key").toString();

    assertThat(other.code()).as(other.toString()).isZero();
    assertUsage(
        seal("--sign", otherKey, "--key-id", "3"),
        "error: --sign "
            + otherKey
            + " is not the private key of --key-id 3 (ED25519): its public key in keys.json does"
            + " not verify the signature");
  }

  @Test
  void sign_withAnEcdsaKeyOnAnotherCurve_exit2() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    Path p384 = dir.resolve("p384.key");
    SigningKeys.writePrivate(p384, g.generateKeyPair().getPrivate());

    assertUsage(
        seal("--sign", p384.toString(), "--key-id", "4"),
        "error: " + p384 + ": an ECDSA private key on another curve than P-256");
  }

  @Test
  void unknownOrDisabledKeyId_exit2() {
    assertUsage(
        seal("--key-id", "99"), "error: --key-id 99 is not a key of " + dir.resolve("keys.json"));
    assertUsage(
        seal("--hmac", "--key-id", "6"),
        "error: --key-id 6 (HMAC-SHA256) is disabled in keys.json");
  }

  @Test
  void stampOptionsThatCannotApply_exit2() {
    assertUsage(
        seal("--hmac", "--sign", dir.resolve("ed.key").toString(), "--key-id", "3"),
        "error: --hmac and --sign are two kinds of stamp; give one of them");
    assertUsage(
        seal("--hmac", "-i", "dev-1", "--format-version", "1"),
        "error: version 1 stamps cannot be bound to a client ID; drop --client-id or use"
            + " --format-version 2");
    assertUsage(
        seal(
            "--sign",
            dir.resolve("ed.key").toString(),
            "--key-id",
            "3",
            "-i",
            "dev-1",
            "--format-version=1"),
        "error: version 1 stamps cannot be bound to a client ID; drop --client-id or use"
            + " --format-version 2");
    assertUsage(seal("--format-version", "3"), "error: --format-version must be 1 or 2, not 3");
  }

  @Test
  void fittingKeyIds_areTheKeysUsed() {
    Cli.Result chacha = seal("--key-id", "5");
    Cli.Result hmac = seal("--hmac", "--key-id", "2");

    assertThat(chacha.code()).as(chacha.toString()).isZero();
    assertThat(chacha.stdout()[1]).isEqualTo((byte) 0x02); // CHACHA20-POLY1305
    assertThat(chacha.stdout()[6]).isEqualTo((byte) 5); // key ID, big-endian
    assertThat(hmac.code()).as(hmac.toString()).isZero();
    assertThat(hmac.stdout()[1]).isEqualTo((byte) 0x10); // HMAC-SHA256
    assertThat(hmac.stdout()[6]).isEqualTo((byte) 2);
    Cli.Result opened =
        Cli.runWithInput(chacha.stdout(), "open", "-c", dir.toString(), "-t", "a/b");
    assertThat(opened.out()).isEqualTo("x");
  }

  private Cli.Result seal(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "seal";
    all[1] = "-c";
    all[2] = dir.toString();
    all[3] = "-t";
    all[4] = "a/b";
    System.arraycopy(args, 0, all, 5, args.length);
    return Cli.runWithInput("x", all);
  }

  private static void assertUsage(Cli.Result r, String message) {
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).as(r.toString()).isEqualTo(message + "\n");
    assertThat(r.stdout()).as(r.toString()).isEmpty();
  }
}

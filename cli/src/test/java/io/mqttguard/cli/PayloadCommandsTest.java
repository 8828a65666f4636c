package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.payload.PayloadConfig;
import io.mqttguard.payload.PayloadGuard;
import io.mqttguard.payload.PayloadVerdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadCommandsTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void keygen_rotation_keepsOldPrimaryEnabled() throws Exception {
    Path keys = dir.resolve("keys.json");

    Cli.Result first = Cli.run("keygen", "--file", keys.toString());
    Cli.Result second = Cli.run("keygen", "--file", keys.toString(), "-a", "chacha20-poly1305");

    assertThat(first.code()).as(first.toString()).isEqualTo(0);
    assertThat(first.out()).isEqualTo("1\n");
    assertThat(second.out()).isEqualTo("2\n");
    JsonNode doc = new ObjectMapper().readTree(keys.toFile());
    assertThat(doc.at("/keys/0/status").asText()).isEqualTo("enabled");
    assertThat(doc.at("/keys/1/status").asText()).isEqualTo("primary");
    assertThat(doc.at("/keys/1/algorithm").asText()).isEqualTo("CHACHA20-POLY1305");
  }

  @Test
  void sealThenOpen_roundTrips_andOldKeysStillOpenAfterRotation() throws Exception {
    Path keys = dir.resolve("keys.json");
    var unused = Cli.run("keygen", "--file", keys.toString());
    Cli.Result sealed =
        Cli.runWithInput("21.5 C", "seal", "-c", dir.toString(), "-t", "sensors/s1/temp");
    var unused2 = Cli.run("keygen", "--file", keys.toString());

    Cli.Result opened =
        Cli.runWithInput(sealed.stdout(), "open", "-c", dir.toString(), "-t", "sensors/s1/temp");

    assertThat(sealed.code()).as(sealed.toString()).isEqualTo(0);
    assertThat(new String(sealed.stdout(), StandardCharsets.ISO_8859_1)).doesNotContain("21.5");
    assertThat(opened.code()).as(opened.toString()).isEqualTo(0);
    assertThat(opened.out()).isEqualTo("21.5 C");
  }

  @Test
  void open_onAnotherTopic_failsWithTheUniformMessage_exit1() {
    var unused = Cli.run("keygen", "--file", dir.resolve("keys.json").toString());
    Cli.Result sealed = Cli.runWithInput("x", "seal", "-c", dir.toString(), "-t", "a/b");

    Cli.Result opened =
        Cli.runWithInput(sealed.stdout(), "open", "-c", dir.toString(), "-t", "a/c");

    assertThat(opened.code()).isEqualTo(1);
    assertThat(opened.err()).startsWith("error: payload protection failed (");
    assertThat(opened.out()).isEmpty();
  }

  @Test
  void sealedEnvelope_isDecryptedByTheBrokerSideGuard() throws Exception {
    var unused = Cli.run("keygen", "--file", dir.resolve("keys.json").toString());
    Files.writeString(
        dir.resolve("payload.json"),
        "{\"rules\": [{\"topics\": [\"sensors/#\"], \"action\": \"decrypt\", \"keys\": [1],"
            + " \"requireClientBinding\": true}]}");
    Cli.Result sealed =
        Cli.runWithInput("secret", "seal", "-c", dir.toString(), "-t", "sensors/s1", "-i", "s1");
    PayloadConfig config =
        PayloadConfig.load(dir.resolve("keys.json"), dir.resolve("payload.json"));
    PayloadGuard guard = PayloadGuard.create(config, AuditSink.discarding(), Clock.systemUTC());

    PayloadVerdict ok =
        guard.inbound("sensors/s1", ClientIdentity.user("s1", "s1", Set.of()), sealed.stdout());
    PayloadVerdict wrongClient =
        guard.inbound("sensors/s1", ClientIdentity.user("s2", "s2", Set.of()), sealed.stdout());

    assertThat(ok).isInstanceOf(PayloadVerdict.Replaced.class);
    assertThat(new String(((PayloadVerdict.Replaced) ok).payload(), StandardCharsets.UTF_8))
        .isEqualTo("secret");
    assertThat(wrongClient).isInstanceOf(PayloadVerdict.Refused.class);
  }

  @Test
  void signatureKey_signedStampIsVerifiedByTheBrokerSideGuard() throws Exception {
    Path keys = dir.resolve("keys.json");
    Path pk = dir.resolve("device.key");
    Cli.Result gen =
        Cli.run(
            "keygen",
            "--file",
            keys.toString(),
            "-a",
            "ed25519",
            "--owner-username",
            "dev-1",
            "--private-key",
            pk.toString());
    Files.writeString(
        dir.resolve("payload.json"),
        "{\"rules\": [{\"topics\": [\"cmd/#\"], \"action\": \"verify-signature\", \"keys\":"
            + " [1]}]}");
    Cli.Result signed =
        Cli.runWithInput(
            "open valve",
            "seal",
            "-c",
            dir.toString(),
            "-t",
            "cmd/v1",
            "--sign",
            pk.toString(),
            "--key-id",
            "1");
    PayloadGuard guard =
        PayloadGuard.create(
            PayloadConfig.load(keys, dir.resolve("payload.json")),
            AuditSink.discarding(),
            Clock.systemUTC());

    assertThat(gen.code()).as(gen.toString()).isEqualTo(0);
    assertThat(signed.code()).as(signed.toString()).isEqualTo(0);
    assertThat(Files.getPosixFilePermissions(pk))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    PayloadVerdict owner =
        guard.inbound("cmd/v1", ClientIdentity.user("d", "dev-1", Set.of()), signed.stdout());
    PayloadVerdict other =
        guard.inbound("cmd/v1", ClientIdentity.user("d", "dev-2", Set.of()), signed.stdout());
    assertThat(owner).isInstanceOf(PayloadVerdict.Replaced.class);
    assertThat(other).isInstanceOf(PayloadVerdict.Refused.class);
  }

  @Test
  void keygen_signatureKey_printsTheStatusItWrites_enabledNeverPrimary() throws Exception {
    Path keys = dir.resolve("keys.json");
    var unused = Cli.run("keygen", "--file", keys.toString());

    Cli.Result ed =
        Cli.run(
            "keygen",
            "--file",
            keys.toString(),
            "-a",
            "ed25519",
            "--owner-username",
            "dev-1",
            "--private-key",
            dir.resolve("ed.key").toString());

    assertThat(ed.code()).as(ed.toString()).isEqualTo(0);
    JsonNode doc = new ObjectMapper().readTree(keys.toFile());
    assertThat(doc.at("/keys/1/status").asText()).isEqualTo("enabled");
    assertThat(doc.at("/keys/0/status").asText()).isEqualTo("primary");
    assertThat(ed.err()).contains("added key 2 (ED25519, enabled) to " + keys + "\n");
  }

  @Test
  void keygen_withoutFile_printsAValidEntry() throws Exception {
    Cli.Result r = Cli.run("keygen", "-a", "hmac-sha256", "--id", "7");

    assertThat(r.code()).isEqualTo(0);
    JsonNode entry = new ObjectMapper().readTree(r.out());
    assertThat(entry.get("id").asInt()).isEqualTo(7);
    assertThat(entry.get("algorithm").asText()).isEqualTo("HMAC-SHA256");
    assertThat(entry.get("material").asText()).hasSize(44);
  }

  @Test
  void badInput_exits2() throws Exception {
    assertThat(Cli.run("keygen", "-a", "rot13").code()).isEqualTo(2);
    Cli.Result noKeys = Cli.runWithInput("x", "seal", "-c", dir.toString(), "-t", "a");
    assertThat(noKeys.code()).isEqualTo(2);
    assertThat(noKeys.err()).startsWith("error: keys.json: ").contains("not found");
    Files.writeString(dir.resolve("keys.json"), "{\"keys\": [");
    Cli.Result broken = Cli.run("keygen", "--file", dir.resolve("keys.json").toString());
    assertThat(broken.code()).isEqualTo(2);
    assertThat(broken.err()).contains("invalid JSON");
  }

  @Test
  void invalidKeysFile_sealOpenAndKeygen_exit2WithFileAndPointer() throws Exception {
    Files.writeString(dir.resolve("acl.json"), "{\"roles\": {}}");
    Files.writeString(dir.resolve("keys.json"), "{\"keys\": [{\"id\": \"one\"}]}");

    Cli.Result seal = Cli.runWithInput("x", "seal", "-c", dir.toString(), "-t", "a/b");
    Cli.Result open = Cli.runWithInput("x", "open", "-c", dir.toString(), "-t", "a/b");
    Cli.Result keygen = Cli.run("keygen", "--file", dir.resolve("keys.json").toString());

    for (Cli.Result r : List.of(seal, open, keygen)) {
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).as(r.toString()).contains("keys.json: /keys/0").doesNotContain("\tat ");
    }
  }
}

package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswdCommandTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"argon2id", "bcrypt", "pbkdf2-sha512"})
  void withoutFile_printsHashThatTheCoreVerifies(String algorithm) throws Exception {
    Cli.Result r = Cli.runWithInput("s3cret pass\n", "passwd", "--algorithm", algorithm, "alice");

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    String hash = r.out().strip();
    assertThat(hash).doesNotContain("s3cret");
    byte[] users = usersJson("alice", hash);
    assertThat(AuthCheck.accepts(users, Set.of(), "alice", "s3cret pass")).isTrue();
    assertThat(AuthCheck.accepts(users, Set.of(), "alice", "s3cret pas")).isFalse();
  }

  @Test
  void defaultAlgorithm_isArgon2idWithOwaspParameters() {
    Cli.Result r = Cli.runWithInput("pw\r\n", "passwd", "bob");

    assertThat(r.out()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
  }

  @Test
  void file_missing_isCreatedWithTheUser() throws Exception {
    Path file = dir.resolve("users.json");

    Cli.Result r = Cli.runWithInput("pw1\n", "passwd", "--file", file.toString(), "alice");

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("created user 'alice' in " + file + " (argon2id)\n");
    assertThat(AuthCheck.accepts(Files.readAllBytes(file), Set.of(), "alice", "pw1")).isTrue();
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void file_existing_updatesOnlyThatUsersPasswordAndKeepsEverythingElse() throws Exception {
    Path file = dir.resolve("users.json");
    Files.writeString(
        file,
        "{\"users\": {\"bob\": {\"password\": \"$2b$12$abcdefghijklmnopqrstuu5Zu7z4lhWd2AhuB6o7tzjkOM/HFZ3P.\","
            + " \"roles\": [\"r\"]},"
            + " \"alice\": {\"password\": \"$6$old$old\", \"roles\": [\"ops\"], \"clientIds\": [\"a-*\"],"
            + " \"attributes\": {\"site\": \"x\"}, \"description\": \"keep me\"}},"
            + " \"certificates\": [{\"match\": {\"sha256Fingerprint\": \""
            + "ab".repeat(32)
            + "\"}, \"username\": \"dev\"}]}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    Cli.Result r = Cli.runWithInput("new pw\n", "passwd", "-f", file.toString(), "alice");

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    assertThat(r.err()).isEqualTo("updated user 'alice' in " + file + " (argon2id)\n");
    JsonNode doc = new ObjectMapper().readTree(file.toFile());
    assertThat(doc.at("/users/bob/password").asText()).startsWith("$2b$12$abcdefg");
    assertThat(doc.at("/users/alice/password").asText()).startsWith("$argon2id$");
    assertThat(doc.at("/users/alice/clientIds/0").asText()).isEqualTo("a-*");
    assertThat(doc.at("/users/alice/attributes/site").asText()).isEqualTo("x");
    assertThat(doc.at("/users/alice/description").asText()).isEqualTo("keep me");
    assertThat(doc.at("/certificates/0/username").asText()).isEqualTo("dev");
    assertThat(doc.get("users").fieldNames()).toIterable().containsExactly("bob", "alice");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    assertThat(
            AuthCheck.accepts(
                Files.readAllBytes(file), Set.of("r", "ops"), "a-1", "alice", "new pw"))
        .isTrue();
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void role_setsRolesOfTheUser() throws Exception {
    Path file = dir.resolve("users.json");

    Cli.Result r =
        Cli.runWithInput(
            "pw\n", "passwd", "-f", file.toString(), "--role", "a", "--role", "b", "carol");

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    JsonNode doc = new ObjectMapper().readTree(file.toFile());
    assertThat(doc.at("/users/carol/roles").toString()).isEqualTo("[\"a\",\"b\"]");
  }

  @Test
  void brokenJson_exits2WithFileAndLineAndLeavesFileAlone() throws Exception {
    Path file = dir.resolve("users.json");
    Files.writeString(file, "{\"users\": {\"bob\": {\"password\": \"x\",}}}");

    Cli.Result r = Cli.runWithInput("pw\n", "passwd", "-f", file.toString(), "alice");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("error: users.json: ")
        .contains("invalid JSON")
        .contains("line 1");
    assertThat(r.err()).doesNotContain("at io.").doesNotContain("Exception");
    assertThat(Files.readString(file)).isEqualTo("{\"users\": {\"bob\": {\"password\": \"x\",}}}");
  }

  @Test
  void invalidUsername_exits2BeforeReadingThePassword() throws Exception {
    Path file = dir.resolve("users.json");

    Cli.Result r = Cli.runWithInput("pw\n", "passwd", "-f", file.toString(), "a/b");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("users.json: /users").contains("a/b");
    assertThat(file).doesNotExist();
  }

  @Test
  void emptyPassword_exits2() {
    Cli.Result r = Cli.runWithInput("\n", "passwd", "alice");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: empty password");
  }

  @Test
  void bcrypt_longPassword_isRefusedInsteadOfTruncated() {
    Cli.Result r = Cli.runWithInput("x".repeat(73) + "\n", "passwd", "-a", "bcrypt", "alice");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("72 bytes");
  }

  @Test
  void unknownAlgorithm_exits2WithOneMessage() {
    Cli.Result r = Cli.runWithInput("pw\n", "passwd", "-a", "md5", "alice");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--algorithm").contains("md5").contains("argon2id");
    assertThat(r.err().lines()).hasSize(2);
  }

  @Test
  void missingUser_exits2() {
    Cli.Result r = Cli.run("passwd");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required parameter: 'USER'");
  }

  @Test
  void missingDirectory_exits2WithOneMessage() {
    Cli.Result r =
        Cli.runWithInput("pw\n", "passwd", "-f", dir.resolve("no/such/users.json").toString(), "a");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("error: directory does not exist");
  }

  private static byte[] usersJson(String user, String hash) {
    return ("{\"users\": {\"" + user + "\": {\"password\": \"" + hash + "\"}}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}

package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportMosquittoCommandTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  private Path passwd = Path.of("");
  private Path acl = Path.of("");
  private Path out = Path.of("");

  @BeforeEach
  void copyFixtures() {
    passwd = Fixtures.copy("import/mosquitto.passwd", dir);
    acl = Fixtures.copy("import/mosquitto.acl", dir);
    out = dir.resolve("out");
  }

  @Test
  void passwdAndAcl_keepsHashesVerbatimAndTheCoreVerifiesThem() throws Exception {
    Cli.Result r = importBoth();

    JsonNode users = read("users.json");
    assertThat(users.at("/users/alice/password").asText())
        .isEqualTo(Files.readString(passwd).lines().findFirst().orElseThrow().substring(6));
    byte[] usersJson = Files.readAllBytes(out.resolve("users.json"));
    Set<String> roles = roleNames();
    assertThat(AuthCheck.accepts(usersJson, roles, "alice", "correct horse"))
        .as(r.toString())
        .isTrue();
    assertThat(AuthCheck.accepts(usersJson, roles, "carol", "s3cret!")).isTrue();
    assertThat(AuthCheck.accepts(usersJson, roles, "alice", "hunter2")).isFalse();
  }

  @Test
  void unsupportedHash_isReportedWithItsLineAndNeverPrinted() throws Exception {
    Cli.Result r = importBoth();

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("mosquitto.passwd:4: not translated: user 'mallory'");
    assertThat(r.out() + r.err()).doesNotContain("plaintext-password");
    assertThat(read("users.json").at("/users/mallory/password").isMissingNode()).isTrue();
  }

  @Test
  void passwd_glibcSha512IsNotImported_argon2iIsImportedWithARehashWarning() throws Exception {
    Path file = dir.resolve("passwd");
    Files.writeString(
        file,
        "frank:$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBF"
            + "dcbYEdFCoEOfaS35inz1\n"
            + "gina:$argon2i$v=19$m=1024,t=1,p=1$bW9zcXVpdHRvLXNhbHQ$3+Iq//hrJMiTMSPq0KQ2AbN9s5xbZ"
            + "IHx8L+aSB3OK5U\n");

    Cli.Result r =
        Cli.run("import", "mosquitto", "--passwd", file.toString(), "-o", out.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .contains("passwd:1: not translated: user 'frank': password hash not imported")
        .contains("mosquitto $6$ salt must be the padded base64 of 12 or 64 bytes")
        .contains("/users/gina/password: user 'gina': weak password hash: argon2i")
        .doesNotContain("svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl");
    byte[] usersJson = Files.readAllBytes(out.resolve("users.json"));
    assertThat(AuthCheck.accepts(usersJson, Set.of(), "gina", "p\u00e4ssw\u00f6rd")).isTrue();
    assertThat(AuthCheck.accepts(usersJson, Set.of(), "gina", "password")).isFalse();
  }

  @Test
  void acl_rulesBecomeRolesPerUserAnonymousAndPatterns() throws Exception {
    var unused = importBoth();

    JsonNode doc = read("acl.json");
    assertThat(doc.at("/anonymous/roles").toString()).isEqualTo("[\"anonymous\",\"patterns\"]");
    assertThat(doc.at("/roles/anonymous/rules/0/actions").toString())
        .isEqualTo("[\"subscribe\",\"receive\"]");
    JsonNode alice = doc.at("/roles/user.alice/rules");
    assertThat(alice.get(0).get("actions").size()).isEqualTo(3);
    assertThat(alice.get(1).get("actions").toString()).isEqualTo("[\"publish\"]");
    assertThat(alice.get(2).get("effect").asText()).isEqualTo("deny");
    assertThat(alice.get(2).get("topics").get(0).asText()).isEqualTo("plant/alice/secret/#");
    assertThat(alice.get(2).get("description").asText()).isEqualTo("imported from mosquitto.acl:7");
    assertThat(doc.at("/roles/patterns/rules/0/topics/0").asText())
        .isEqualTo("devices/${client.id}/telemetry");
    assertThat(doc.at("/roles/patterns/rules/1/topics/0").asText())
        .isEqualTo("devices/${user.name}/commands");
    assertThat(read("users.json").at("/users/alice/roles").toString())
        .isEqualTo("[\"user.alice\",\"patterns\"]");
  }

  @Test
  void differences_areReportedWithExactLines() {
    Cli.Result r = importBoth();

    assertThat(r.out())
        .contains("mosquitto.acl:2,5,10,14: differs: read access now also checks SUBSCRIBE")
        .contains("mosquitto.acl:15: not translated: topic 'users/%u-data/#'")
        .contains("mosquitto.acl:16: not translated: topic 'devices/%c-debug/#'")
        .contains("mosquitto.acl:16: not translated: this DENY is missing from the import");
    assertThat(r.out().lines().reduce((a, b) -> b).orElseThrow())
        .contains("differ")
        .contains("4 not translated");
  }

  @Test
  void passwdOnly_reportsThatMosquittoAllowedEverything() throws Exception {
    Cli.Result r =
        Cli.run("import", "mosquitto", "--passwd", passwd.toString(), "--out", out.toString());

    assertThat(r.out()).contains("mosquitto.passwd: differs: without an acl_file");
    assertThat(read("acl.json").get("roles").size()).isZero();
  }

  @Test
  void existingOutput_isNotReplacedWithoutForce() throws Exception {
    var unused = importBoth();
    Files.writeString(out.resolve("acl.json"), "{\"roles\": {}}");

    Cli.Result again = importBoth();

    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("--force");
    assertThat(Files.readString(out.resolve("acl.json"))).isEqualTo("{\"roles\": {}}");
    Cli.Result forced =
        Cli.run("import", "mosquitto", "--acl", acl.toString(), "--out", out.toString(), "--force");
    assertThat(forced.code()).isEqualTo(1);
    assertThat(read("acl.json").get("roles").has("user.alice")).isTrue();
  }

  @Test
  void missingInputFile_exits2WithOneMessage() {
    Cli.Result r =
        Cli.run("import", "mosquitto", "--acl", dir.resolve("nope.acl").toString(), "-o", "x");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: file not found: " + dir.resolve("nope.acl"));
  }

  @Test
  void noInput_exits2() {
    Cli.Result r = Cli.run("import", "mosquitto", "--out", out.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--passwd, --acl, --dynsec");
  }

  @Test
  void missingOut_exits2() {
    Cli.Result r = Cli.run("import", "mosquitto", "--acl", acl.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required option: '--out=DIR'");
  }

  private Cli.Result importBoth() {
    return Cli.run(
        "import",
        "mosquitto",
        "--passwd",
        passwd.toString(),
        "--acl",
        acl.toString(),
        "--out",
        out.toString());
  }

  private JsonNode read(String file) throws Exception {
    return new ObjectMapper().readTree(out.resolve(file).toFile());
  }

  private Set<String> roleNames() throws Exception {
    Set<String> names = new HashSet<>();
    read("acl.json").get("roles").fieldNames().forEachRemaining(names::add);
    return names;
  }
}

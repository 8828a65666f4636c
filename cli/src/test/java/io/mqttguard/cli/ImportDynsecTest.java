package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportDynsecTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  private Cli.Result importDynsec() {
    Path file = Fixtures.copy("import/dynamic-security.json", dir);
    return Cli.run(
        "import", "mosquitto", "--dynsec", file.toString(), "--out", dir.resolve("out").toString());
  }

  @Test
  void clientHash_isReencodedAs7AndVerifiedByTheCore() throws Exception {
    Cli.Result r = importDynsec();

    assertThat(r.code()).as(r.toString()).isEqualTo(0);
    JsonNode users = read("users.json");
    assertThat(users.at("/users/alice/password").asText()).startsWith("$7$101$vVgynrO8HnGkBmnG$");
    assertThat(users.at("/users/alice/clientIds").toString()).isEqualTo("[\"alice-laptop\"]");
    assertThat(users.at("/users/old/disabled").asBoolean()).isTrue();
    assertThat(
            AuthCheck.accepts(
                Files.readAllBytes(dir.resolve("out/users.json")),
                roleNames(),
                "alice-laptop",
                "alice",
                "correct horse"))
        .isTrue();
  }

  @Test
  void rolesOfClientAndGroups_areGrantedInPriorityOrder() throws Exception {
    var unused = importDynsec();

    assertThat(read("users.json").at("/users/alice/roles").toString())
        .isEqualTo("[\"operator\",\"no-secrets\",\"dynsec-default-access\"]");
    assertThat(read("acl.json").at("/anonymous/roles").toString())
        .isEqualTo("[\"public_read\",\"dynsec-default-access\"]");
  }

  @Test
  void firstMatchPriority_versusDenyWins_isReportedWithBothLines() {
    Cli.Result r = importDynsec();

    assertThat(r.out())
        .containsPattern(
            "dynamic-security.json:\\d+,\\d+: differs: for client 'alice', dynsec checks the allow"
                + " on line \\d+ \\('plant/#'\\) before the deny on line \\d+"
                + " \\('plant/secret/#'\\)");
    assertThat(r.out()).contains("dynamic-security.json:29,38: differs");
  }

  @Test
  void literalSubscribe_unsubscribeAndDefaults_areReported() throws Exception {
    Cli.Result r = importDynsec();

    assertThat(r.out())
        .contains("dynamic-security.json:31: differs: subscribeLiteral 'status/+'")
        .contains("dynamic-security.json:32: differs: unsubscribePattern is not checked")
        .contains("dynamic-security.json:4: note: defaultACLAccess publishClientReceive = allow")
        .contains("note: role 'public read' is named 'public_read'");
    assertThat(read("acl.json").at("/roles/dynsec-default-access/rules/0/topics/0").asText())
        .isEqualTo("#");
  }

  @Test
  void brokenJson_exits2WithLine() throws Exception {
    Path file = dir.resolve("dynamic-security.json");
    Files.writeString(file, "{\n\"clients\": [\n}");

    Cli.Result r =
        Cli.run("import", "mosquitto", "--dynsec", file.toString(), "-o", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: dynamic-security.json: invalid JSON").contains("line 3");
    assertThat(r.err().lines()).hasSize(1);
  }

  private JsonNode read(String file) throws Exception {
    return new ObjectMapper().readTree(dir.resolve("out").resolve(file).toFile());
  }

  private Set<String> roleNames() throws Exception {
    Set<String> names = new HashSet<>();
    read("acl.json").get("roles").fieldNames().forEachRemaining(names::add);
    return names;
  }
}

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

class ImportFileRbacCommandTest {
  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  private Cli.Result importRbac() {
    Path file = Fixtures.copy("import/credentials.xml", dir);
    return Cli.run(
        "import",
        "hivemq-file-rbac",
        "--credentials",
        file.toString(),
        "--out",
        dir.resolve("out").toString());
  }

  @Test
  void hashes_areKeptAndVerifiedByTheCore() throws Exception {
    Cli.Result r = importRbac();

    byte[] users = Files.readAllBytes(dir.resolve("out/users.json"));
    assertThat(AuthCheck.accepts(users, roleNames(), "sensor-1", "file-rbac-pw"))
        .as(r.toString())
        .isTrue();
    assertThat(AuthCheck.accepts(users, roleNames(), "admin", "password")).isTrue();
    assertThat(read("users.json").at("/users/sensor-1/roles").toString())
        .isEqualTo("[\"sensors\",\"readers\"]");
  }

  @Test
  void permissions_becomeAllowRulesWithQosRetainAndShareGroups() throws Exception {
    var unused = importRbac();

    JsonNode acl = read("acl.json");
    JsonNode pub = acl.at("/roles/sensors/rules/0");
    assertThat(pub.get("topics").get(0).asText()).isEqualTo("data/${client.id}/#");
    assertThat(pub.get("actions").toString()).isEqualTo("[\"publish\"]");
    assertThat(pub.get("maxQos").asInt()).isEqualTo(1);
    assertThat(pub.get("retain").asBoolean()).isFalse();
    assertThat(acl.at("/roles/readers/rules/0/shareGroups").toString())
        .isEqualTo("[\"analytics\"]");
    assertThat(acl.at("/roles/readers/rules/0/actions").toString()).isEqualTo("[\"subscribe\"]");
    assertThat(acl.at("/roles/superuser/rules").size()).isEqualTo(2);
  }

  @Test
  void inexpressibleConstructs_areLeftOutAndReportedWithLines() {
    Cli.Result r = importRbac();

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("credentials.xml:30: not translated: topic 'cmd/${{clientid}}-in'")
        .contains("credentials.xml:34: not translated: <qos>TWO</qos> excludes QoS 0")
        .contains("credentials.xml:44: differs: shared-group 'analytics' became shareGroups");
  }

  @Test
  void brokenXml_exits2WithLine() throws Exception {
    Path file = dir.resolve("credentials.xml");
    Files.writeString(file, "<file-rbac>\n<users>\n</file-rbac>");

    Cli.Result r =
        Cli.run("import", "hivemq-file-rbac", "--credentials", file.toString(), "-o", "x");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: credentials.xml: invalid XML (line 3)");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void externalEntities_areRefused() throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOPSECRET");
    Path file = dir.resolve("credentials.xml");
    Files.writeString(
        file,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file://"
            + secret
            + "\">]>\n<file-rbac><users><user><name>&x;</name></user></users></file-rbac>");

    Cli.Result r =
        Cli.run(
            "import",
            "hivemq-file-rbac",
            "--credentials",
            file.toString(),
            "-o",
            dir.resolve("out").toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out() + r.err()).doesNotContain("TOPSECRET");
    assertThat(dir.resolve("out")).doesNotExist();
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

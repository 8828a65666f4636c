package io.mqttguard.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonConfigReaderTest {
  private final JsonConfigReader reader = new JsonConfigReader();

  private ConfigException rejected(String json) {
    try {
      var unused = reader.parse("acl.json", json.getBytes(UTF_8), "acl-1.json");
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("expected rejection of " + json);
  }

  @Test
  void parse_validDocument_returnsTree() throws ConfigException {
    var root =
        reader.parse(
            "acl.json", "{\"roles\": {\"r\": {\"rules\": []}}}".getBytes(UTF_8), "acl-1.json");
    assertThat(root.get("roles").has("r")).isTrue();
  }

  @Test
  void parse_duplicateKey_isRejectedWithPointer() {
    ConfigException e = rejected("{\"roles\": {\"r\": {\"rules\": []}, \"r\": {\"rules\": []}}}");
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).pointer()).isEqualTo("/roles/r");
    assertThat(e.problems().get(0).message()).contains("Duplicate field 'r'");
  }

  @Test
  void parse_unknownFieldsAndWrongTypes_areAllReportedWithPointers() {
    ConfigException e =
        rejected(
            "{\"roles\": {\"r\": {\"rules\": [{\"effect\": \"permit\", \"actions\": [\"publish\"],"
                + " \"topics\": \"a\", \"colour\": 1}]}}}");
    assertThat(e.problems())
        .extracting(ConfigProblem::pointer)
        .contains("/roles/r/rules/0/effect", "/roles/r/rules/0/topics", "/roles/r/rules/0");
    assertThat(e.getMessage()).contains("acl.json: /roles/r/rules/0/effect:").contains("colour");
  }

  @Test
  void parse_namesStartingWithHash_areRejected_becauseTheValidatorWouldSkipTheirValues() {
    // a role "#ops" whose rule is wrong in every way: the schema validator alone accepts it
    ConfigException e =
        rejected(
            "{\"roles\": {\"#ops\": {\"rules\": [{\"effect\": \"permit\", \"topics\": 7}]},"
                + " \"r\": {\"rules\": [{\"#note\": 1}]}}}");
    assertThat(e.problems())
        .extracting(ConfigProblem::pointer)
        .contains("/roles/#ops", "/roles/r/rules/0/#note");
    assertThat(e.getMessage()).contains("acl.json: /roles/#ops: names must not start with '#'");
  }

  @Test
  void parse_trailingContentOrEmptyFile_isRejected() {
    assertThat(rejected("{\"roles\": {}} {}").getMessage()).contains("invalid JSON");
    assertThat(rejected("").getMessage()).contains("acl.json");
  }

  @Test
  void parse_deepNesting_isRejected() {
    String deep = "[".repeat(200) + "]".repeat(200);
    assertThat(rejected(deep).getMessage()).contains("invalid JSON");
  }

  @Test
  void read_missingFile_namesTheFile(@TempDir Path dir) {
    assertThatThrownBy(() -> reader.read(dir.resolve("acl.json"), "acl-1.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("acl.json")
        .hasMessageContaining("file not found");
  }

  @Test
  void read_validFile_returnsTree(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("acl.json");
    Files.writeString(
        file, "{\"$schema\": \"https://mqttguard.io/schemas/acl-1.json\", \"roles\": {}}");
    assertThat(reader.read(file, "acl-1.json").get("roles").isObject()).isTrue();
  }
}

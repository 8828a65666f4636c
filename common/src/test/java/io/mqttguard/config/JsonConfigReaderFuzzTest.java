package io.mqttguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the strict JSON reader: whatever the bytes, the outcome is a validated tree or a
 * {@link ConfigException} naming the file, never another exception or a hang.
 */
class JsonConfigReaderFuzzTest {
  private final JsonConfigReader reader = new JsonConfigReader();

  @FuzzTest(maxDuration = "10s")
  void parse_anyBytes_yieldsTreeOrConfigException(byte[] input) {
    try {
      var root = reader.parse("acl.json", input, "acl-1.json");
      assertThat(root.isObject()).isTrue();
      assertThat(root.has("roles")).isTrue();
    } catch (ConfigException e) {
      assertThat(e.problems()).isNotEmpty();
      assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo("acl.json"));
    }
  }
}

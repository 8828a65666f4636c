package io.mqttguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Slf4jAuditSinkTest {

  @Test
  void toJson_isOneLineWithEscapedHostileValues() throws Exception {
    var event =
        new AuditEvent(
            Instant.parse("2026-11-23T10:15:30Z"),
            "connect",
            "deny",
            "evil\"\n{\"outcome\":\"allow\"}",
            null,
            "127.0.0.1",
            "tcp",
            "BAD_USER_NAME_OR_PASSWORD",
            null,
            Map.of("topic", "a/b"));
    String line = new Slf4jAuditSink().toJson(event);

    assertThat(line).doesNotContain("\n");
    JsonNode parsed = JsonMapper.builder().build().readTree(line);
    assertThat(parsed.get("outcome").asText()).isEqualTo("deny");
    assertThat(parsed.get("clientId").asText()).isEqualTo("evil\"\n{\"outcome\":\"allow\"}");
    assertThat(parsed.has("username")).isFalse();
    assertThat(parsed.get("details").get("topic").asText()).isEqualTo("a/b");
  }
}

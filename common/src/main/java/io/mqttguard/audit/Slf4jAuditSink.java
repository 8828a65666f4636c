package io.mqttguard.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each event as one JSON object on one line to the logger {@code io.mqttguard.audit}. */
final class Slf4jAuditSink implements AuditSink {
  static final String LOGGER_NAME = "io.mqttguard.audit";

  private final Logger log = LoggerFactory.getLogger(LOGGER_NAME);
  private final JsonMapper mapper = JsonMapper.builder().build();

  @Override
  public void record(AuditEvent event) {
    try {
      log.info(toJson(event));
    } catch (RuntimeException | IOException e) {
      log.error("audit event could not be written: {}", e.getClass().getSimpleName());
    }
  }

  String toJson(AuditEvent e) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = mapper.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("time", e.time().toString());
      g.writeStringField("event", e.event());
      g.writeStringField("outcome", e.outcome());
      optional(g, "clientId", e.clientId());
      optional(g, "username", e.username());
      optional(g, "remoteAddress", e.remoteAddress());
      optional(g, "listener", e.listener());
      optional(g, "reasonCode", e.reasonCode());
      optional(g, "decidedBy", e.decidedBy());
      if (!e.details().isEmpty()) {
        g.writeObjectFieldStart("details");
        for (Map.Entry<String, String> d : new TreeMap<>(e.details()).entrySet()) {
          g.writeStringField(d.getKey(), d.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    return out.toString();
  }

  private static void optional(JsonGenerator g, String name, @Nullable String value)
      throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }
}

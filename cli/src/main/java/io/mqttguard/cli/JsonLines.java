package io.mqttguard.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A foreign JSON file (not one of ours, so no schema) parsed strictly, with the line of every field
 * so that findings can name exact lines. Immutable after construction.
 */
final class JsonLines {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .build();

  private final JsonNode root;
  private final Map<String, Integer> lines;

  private JsonLines(JsonNode root, Map<String, Integer> lines) {
    this.root = root;
    this.lines = lines;
  }

  static JsonLines parse(String file, byte[] content) {
    try {
      JsonNode root = MAPPER.readTree(content);
      if (root == null || !root.isObject()) {
        throw new CliException(file + ": expected a JSON object");
      }
      Map<String, Integer> lines = new HashMap<>();
      try (JsonParser p = MAPPER.createParser(content)) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          if (t == JsonToken.FIELD_NAME) {
            lines.putIfAbsent(
                p.getParsingContext().pathAsPointer().toString(),
                p.currentTokenLocation().getLineNr());
          }
        }
      }
      return new JsonLines(root, Map.copyOf(lines));
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new CliException(
          file
              + ": invalid JSON: "
              + e.getOriginalMessage()
              + (loc == null ? "" : " (line " + loc.getLineNr() + ")"));
    } catch (IOException e) {
      throw new CliException(file + ": cannot parse: " + JsonFiles.describe(e), e);
    }
  }

  JsonNode root() {
    return root;
  }

  /** The line of the field at {@code pointer}, or of its first field, or 0 if unknown. */
  int line(String pointer) {
    Integer exact = lines.get(pointer);
    if (exact != null) {
      return exact;
    }
    return lines.entrySet().stream()
        .filter(e -> e.getKey().startsWith(pointer + "/"))
        .mapToInt(Map.Entry::getValue)
        .min()
        .orElse(0);
  }
}

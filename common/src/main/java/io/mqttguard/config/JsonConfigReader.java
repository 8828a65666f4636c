package io.mqttguard.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a configuration file strictly and validates it against its published JSON Schema.
 *
 * <p>Strictness: duplicate object keys, trailing content, nesting deeper than {@value #MAX_DEPTH},
 * files larger than {@value #MAX_FILE_BYTES} bytes and anything the schema rejects (unknown fields,
 * wrong types) are errors. Every problem names the file and the JSON pointer.
 *
 * <p>Schemas are the classpath resources {@code io/mqttguard/schemas/<name>} of module {@code
 * acl-schemas}; they are compiled once per reader instance. Thread-safe.
 */
public final class JsonConfigReader {
  /** Largest configuration file accepted. */
  public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  /** Deepest JSON nesting accepted. */
  public static final int MAX_DEPTH = 64;

  private static final String SCHEMA_ROOT = "io/mqttguard/schemas/";

  private final ObjectMapper mapper;
  private final JsonSchemaFactory schemaFactory;
  private final SchemaValidatorsConfig validatorsConfig;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  public JsonConfigReader() {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(4 * 1024 * 1024)
                    .maxNumberLength(64)
                    .build())
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    this.schemaFactory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    this.validatorsConfig =
        SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
  }

  /**
   * Reads {@code file} and validates it against schema {@code schemaName} (e.g. {@code
   * "acl-1.json"}).
   *
   * @return the validated document; callers map it to typed records and report semantic problems
   *     with the same file name
   * @throws ConfigException if the file is missing, unreadable, too large, not JSON or not valid
   *     against the schema
   */
  public JsonNode read(Path file, String schemaName) throws ConfigException {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    byte[] content;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw ConfigException.of(
            name, "", "file must be at most " + MAX_FILE_BYTES + " bytes, but was " + size);
      }
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw ConfigException.of(name, "", "file not found: " + file.toAbsolutePath());
    } catch (IOException e) {
      throw ConfigException.of(
          name, "", "cannot read " + file.toAbsolutePath() + ": " + e.getClass().getSimpleName());
    }
    return parse(name, content, schemaName);
  }

  /**
   * Parses {@code content} as the file named {@code fileName} and validates it against schema
   * {@code schemaName}.
   *
   * @throws ConfigException on any syntax or schema problem
   */
  public JsonNode parse(String fileName, byte[] content, String schemaName) throws ConfigException {
    if (content.length > MAX_FILE_BYTES) {
      throw ConfigException.of(
          fileName,
          "",
          "file must be at most " + MAX_FILE_BYTES + " bytes, but was " + content.length);
    }
    JsonNode root;
    try {
      root = mapper.readTree(content);
    } catch (JsonProcessingException e) {
      throw ConfigException.of(fileName, pointerOf(e), "invalid JSON: " + describe(e));
    } catch (IOException e) {
      throw ConfigException.of(fileName, "", "invalid JSON: " + e.getClass().getSimpleName());
    }
    if (root == null || root.isMissingNode()) {
      throw ConfigException.of(fileName, "", "file is empty; expected a JSON object");
    }
    List<ConfigProblem> problems = validate(fileName, root, schemaName);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return root;
  }

  private List<ConfigProblem> validate(String fileName, JsonNode root, String schemaName) {
    JsonSchema schema = schemas.computeIfAbsent(schemaName, this::loadSchema);
    List<ConfigProblem> problems = new ArrayList<>();
    refuseHashNames(fileName, root, "", problems);
    for (ValidationMessage m : schema.validate(root)) {
      String pointer = m.getInstanceLocation().toString();
      problems.add(
          new ConfigProblem(
              ConfigProblem.Severity.ERROR, fileName, pointer, stripLocation(m, pointer)));
    }
    problems.sort(
        Comparator.comparing(ConfigProblem::pointer).thenComparing(ConfigProblem::message));
    return problems;
  }

  /**
   * Refuses object member names that start with {@code '#'}: json-schema-validator 1.5.x does not
   * apply the schema to the value of such a member (networknt/json-schema-validator#1252, fixed
   * only in 3.0.5), so it would be accepted unchecked. Found by fuzzing {@code guard.json}.
   */
  private static void refuseHashNames(
      String fileName, JsonNode node, String pointer, List<ConfigProblem> problems) {
    if (node.isObject()) {
      for (var it = node.fields(); it.hasNext(); ) {
        var member = it.next();
        String child = JsonPointers.child(pointer, member.getKey());
        if (member.getKey().startsWith("#")) {
          problems.add(
              new ConfigProblem(
                  ConfigProblem.Severity.ERROR,
                  fileName,
                  child,
                  "names must not start with '#' (rename it)"));
        } else {
          refuseHashNames(fileName, member.getValue(), child, problems);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        refuseHashNames(fileName, node.get(i), JsonPointers.child(pointer, i), problems);
      }
    }
  }

  private JsonSchema loadSchema(String schemaName) {
    String resource = SCHEMA_ROOT + schemaName;
    try (InputStream in = JsonConfigReader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing from acl-schemas: " + resource);
      }
      return schemaFactory.getSchema(in, validatorsConfig);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read schema resource " + resource, e);
    }
  }

  private static String stripLocation(ValidationMessage m, String pointer) {
    String message = m.getMessage();
    String prefix = pointer + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static String pointerOf(JsonProcessingException e) {
    if (e instanceof JsonParseException jpe) {
      JsonParser parser = jpe.getProcessor();
      if (parser != null) {
        return parser.getParsingContext().pathAsPointer().toString();
      }
    }
    return "";
  }

  private static String describe(JsonProcessingException e) {
    String original = e.getOriginalMessage();
    var location = e.getLocation();
    String where =
        location == null
            ? ""
            : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    // Jackson's original message may quote input; cap its length so a huge token is not echoed.
    String text = original == null ? e.getClass().getSimpleName() : original;
    if (text.length() > 200) {
      text = text.substring(0, 200) + "...";
    }
    return text + where;
  }
}

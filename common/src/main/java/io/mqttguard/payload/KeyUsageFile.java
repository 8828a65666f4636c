package io.mqttguard.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.config.JsonConfigReader;
import io.mqttguard.envelope.Algorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key usage file ({@code keyUsageFile} of {@code payload.json}, schema {@code
 * key-usage-1.json}): {@code {"version": 1, "keys": {"<key ID>": <accepted envelopes>, ...}}}.
 * Written by the broker atomically (temporary file in the same directory, then a rename), read at
 * start and by {@code mqtt-guard check}. Stateless.
 */
final class KeyUsageFile {
  static final String SCHEMA = "key-usage-1.json";

  private KeyUsageFile() {}

  static Map<Long, Long> read(Path file) throws ConfigException {
    Map<Long, Long> counts = new TreeMap<>();
    if (!Files.exists(file)) {
      return counts;
    }
    JsonNode root = new JsonConfigReader().read(file, SCHEMA);
    Iterator<Map.Entry<String, JsonNode>> it = root.path("keys").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      long id = Long.parseLong(e.getKey()); // the schema allows 1..10 digits
      if (id > 0xFFFF_FFFFL) {
        String name = Keyset.fileName(file);
        throw new ConfigException(
            List.of(
                new ConfigProblem(
                    ConfigProblem.Severity.ERROR,
                    name,
                    "/keys/" + e.getKey(),
                    "key ID must be at most 4294967295; fix or delete the file (counts restart"
                        + " at 0)")));
      }
      counts.put(id, e.getValue().asLong());
    }
    return counts;
  }

  static void write(Path file, Map<Long, Long> counts) throws IOException {
    StringBuilder json = new StringBuilder("{\"version\": 1, \"keys\": {");
    String sep = "";
    for (Map.Entry<Long, Long> e : new TreeMap<>(counts).entrySet()) {
      json.append(sep).append("\n  \"").append(e.getKey()).append("\": ").append(e.getValue());
      sep = ",";
    }
    json.append("\n}}\n");
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".key-usage", ".tmp");
    try {
      Files.writeString(tmp, json, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static List<ConfigProblem> warnings(String fileName, Map<Long, Long> counts, Keyset keys) {
    List<ConfigProblem> out = new ArrayList<>();
    long first = KeyUsage.THRESHOLDS.get(0);
    for (Map.Entry<Long, Long> e : new TreeMap<>(counts).entrySet()) {
      long id = e.getKey();
      KeyEntry k = id < 1 || id > 0xFFFF_FFFFL ? null : keys.key((int) id);
      if (k == null
          || !k.status().usable()
          || k.algorithm().kind() != Algorithm.Kind.AEAD
          || e.getValue() < first) {
        continue;
      }
      out.add(
          new ConfigProblem(
              ConfigProblem.Severity.WARNING,
              fileName,
              "/keys/" + id,
              "key "
                  + id
                  + " has protected "
                  + e.getValue()
                  + " envelopes (warning from 2^28; random 96-bit nonces allow about 2^32 per"
                  + " key): "
                  + advice(id)));
    }
    return out;
  }

  static String advice(long keyId) {
    return "rotate key "
        + keyId
        + ": add a new key, make it primary, move the devices to it, then disable "
        + keyId
        + " (docs/payload-rules.md, Rotation and key wear-out)";
  }
}

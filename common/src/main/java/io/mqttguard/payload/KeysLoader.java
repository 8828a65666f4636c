package io.mqttguard.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.JsonPointers;
import io.mqttguard.config.ProblemCollector;
import io.mqttguard.envelope.Algorithm;
import io.mqttguard.envelope.WireKey;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Maps a schema-valid {@code keys.json} tree to a {@link Keyset}. One instance per load. */
final class KeysLoader {
  private final ProblemCollector problems;

  KeysLoader(String fileName) {
    this.problems = new ProblemCollector(fileName);
  }

  Keyset load(JsonNode root) throws ConfigException {
    Map<Integer, KeyEntry> keys = new LinkedHashMap<>();
    Map<Integer, String> firstPointer = new HashMap<>();
    Set<Algorithm.Kind> primaries = EnumSet.noneOf(Algorithm.Kind.class);
    JsonNode list = root.path("keys");
    for (int i = 0; i < list.size(); i++) {
      String pointer = JsonPointers.child("/keys", i);
      KeyEntry k = key(list.get(i), pointer);
      if (k == null) {
        continue;
      }
      String previous = firstPointer.putIfAbsent(k.id(), pointer);
      if (previous != null) {
        problems.error(
            pointer + "/id",
            "key ID "
                + k.idText()
                + " is used twice (also at "
                + previous
                + "); IDs must be unique");
      } else if (k.status() == KeyStatus.PRIMARY && !primaries.add(k.algorithm().kind())) {
        problems.error(
            pointer + "/status",
            "only one " + k.algorithm().kind() + " key may be primary; make the others enabled");
      }
      keys.putIfAbsent(k.id(), k);
    }
    if (problems.hasErrors()) {
      keys.values().forEach(k -> destroy(k.wireKey()));
    }
    problems.throwIfErrors();
    return new Keyset(keys);
  }

  private @Nullable KeyEntry key(JsonNode n, String pointer) {
    int id = (int) n.path("id").asLong();
    Algorithm a = Algorithm.fromJson(n.path("algorithm").asText());
    KeyStatus status =
        KeyStatus.valueOf(n.path("status").asText().toUpperCase(java.util.Locale.ROOT));
    if (a == null) {
      problems.error(pointer + "/algorithm", "unknown algorithm");
      return null;
    }
    boolean derive = n.has("derive");
    if (a.kind() == Algorithm.Kind.SIGNATURE) {
      return signatureKey(n, pointer, id, a, status, derive);
    }
    forbid(n, pointer, "publicKey", a);
    forbid(n, pointer, "owner", a);
    if (!status.usable()) {
      return new KeyEntry(id, a, status, null, derive, null, null);
    }
    byte[] material = base64(n, pointer, "material");
    if (material == null) {
      return null;
    }
    int min = Algorithm.SYMMETRIC_KEY_LENGTH;
    int max = a.kind() == Algorithm.Kind.MAC ? Algorithm.MAX_HMAC_KEY_LENGTH : min;
    if (material.length < min || material.length > max) {
      java.util.Arrays.fill(material, (byte) 0);
      String expected = min == max ? min + " bytes" : min + ".." + max + " bytes";
      problems.error(
          pointer + "/material",
          "a " + a.jsonName() + " key must be " + expected + ", but was " + material.length);
      return null;
    }
    WireKey key = WireKey.symmetric(Integer.toUnsignedLong(id), a, material, derive);
    java.util.Arrays.fill(material, (byte) 0); // the wire key holds its own copy
    return new KeyEntry(id, a, status, key, derive, null, null);
  }

  private @Nullable KeyEntry signatureKey(
      JsonNode n, String pointer, int id, Algorithm a, KeyStatus status, boolean derive) {
    forbid(n, pointer, "material", a);
    if (derive) {
      problems.error(pointer + "/derive", "signature keys cannot be derived; remove derive");
    }
    if (status == KeyStatus.PRIMARY) {
      problems.error(pointer + "/status", "signature keys are enabled or disabled, not primary");
    }
    if (!n.has("owner")) {
      problems.error(
          pointer, "a " + a.jsonName() + " key needs an owner (username and/or clientId)");
    }
    byte[] der = base64(n, pointer, "publicKey");
    if (der == null) {
      return null;
    }
    WireKey pk = publicKey(id, a, der);
    if (pk == null) {
      problems.error(
          pointer + "/publicKey",
          "must be a base64 X.509 SubjectPublicKeyInfo of a " + a.jsonName() + " public key");
      return null;
    }
    JsonNode owner = n.path("owner");
    return new KeyEntry(id, a, status, pk, false, text(owner, "username"), text(owner, "clientId"));
  }

  private static @Nullable WireKey publicKey(int id, Algorithm a, byte[] der) {
    try {
      return WireKey.verifying(Integer.toUnsignedLong(id), a, der);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private byte @Nullable [] base64(JsonNode n, String pointer, String field) {
    if (!n.has(field)) {
      problems.error(pointer, field + " is required for this algorithm and status");
      return null;
    }
    try {
      return Base64.getDecoder().decode(n.path(field).asText());
    } catch (IllegalArgumentException e) {
      problems.error(pointer + "/" + field, "must be valid base64 (RFC 4648, with padding)");
      return null;
    }
  }

  private void forbid(JsonNode n, String pointer, String field, Algorithm a) {
    if (n.has(field)) {
      problems.error(
          pointer + "/" + field, field + " is not allowed for " + a.jsonName() + " keys");
    }
  }

  private static @Nullable String text(JsonNode n, String field) {
    return n.has(field) ? n.path(field).asText() : null;
  }

  private static void destroy(@Nullable WireKey s) {
    if (s != null) {
      s.destroy();
    }
  }
}

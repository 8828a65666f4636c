package io.mqttguard.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.JsonPointers;
import io.mqttguard.config.ProblemCollector;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Maps a schema-valid {@code users.json} tree to a {@link UsersConfig}. One instance per load. */
final class UsersLoader {
  private final ProblemCollector problems;
  private final Set<String> knownRoles;

  UsersLoader(String fileName, Set<String> knownRoles) {
    this.problems = new ProblemCollector(fileName);
    this.knownRoles = Set.copyOf(knownRoles);
  }

  UsersConfig load(JsonNode root) throws ConfigException {
    Map<String, UserEntry> users = new LinkedHashMap<>();
    Map<String, String> normalized = new HashMap<>();
    JsonNode usersNode = root.path("users");
    for (var it = usersNode.fields(); it.hasNext(); ) {
      var e = it.next();
      String name = e.getKey();
      String pointer = JsonPointers.child("/users", name);
      String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
      String previous = normalized.putIfAbsent(nfc, name);
      if (previous != null) {
        problems.error(
            pointer,
            "duplicate user: '" + name + "' is the same Unicode username as '" + previous + "'");
      }
      users.put(name, user(name, pointer, e.getValue()));
    }
    List<CertificateRule> rules = new ArrayList<>();
    JsonNode certs = root.path("certificates");
    for (int i = 0; i < certs.size(); i++) {
      CertificateRule r = rule(i, JsonPointers.child("/certificates", i), certs.get(i));
      if (r != null) {
        rules.add(r);
      }
    }
    problems.throwIfErrors();
    return new UsersConfig(users, rules, problems.warnings());
  }

  private UserEntry user(String name, String pointer, JsonNode node) {
    PasswordHash hash = null;
    String encoding = "";
    if (node.has("password")) {
      encoding = node.get("password").asText();
      String at = JsonPointers.child(pointer, "password");
      try {
        hash = PasswordHash.parse(encoding);
        String weak = hash.weakness();
        if (weak != null) {
          problems.warn(at, "user '" + name + "': weak password hash: " + weak);
        }
      } catch (InvalidHashException ex) {
        problems.error(at, "user '" + name + "': " + ex.getMessage());
      }
    }
    return new UserEntry(
        name,
        hash,
        encoding,
        roles(pointer, node),
        clientIds(pointer, node),
        attributes(node),
        node.path("disabled").asBoolean(false));
  }

  private @org.jspecify.annotations.Nullable CertificateRule rule(
      int index, String pointer, JsonNode node) {
    JsonNode match = node.path("match");
    String at = JsonPointers.child(pointer, "match");
    X500Principal issuer = dn(match, "issuer", at);
    X500Principal subject = dn(match, "subject", at);
    Map<ASN1ObjectIdentifier, Glob> fields = new HashMap<>();
    for (var it = match.path("subjectFields").fields(); it.hasNext(); ) {
      var f = it.next();
      try {
        fields.put(attributeOid(f.getKey()), Glob.of(f.getValue().asText()));
      } catch (IllegalArgumentException ex) {
        problems.error(
            JsonPointers.child(JsonPointers.child(at, "subjectFields"), f.getKey()),
            "unknown subject attribute '"
                + f.getKey()
                + "'; use CN, O, OU, C, L, ST, SERIALNUMBER, DC, UID, E or a dotted OID");
      }
    }
    Map<CertificateView.SanType, Glob> sans = new HashMap<>();
    for (var it = match.path("san").fields(); it.hasNext(); ) {
      var f = it.next();
      try {
        sans.put(
            CertificateView.SanType.valueOf(f.getKey().toUpperCase(Locale.ROOT)),
            Glob.of(f.getValue().asText()));
      } catch (IllegalArgumentException ex) {
        problems.error(
            JsonPointers.child(JsonPointers.child(at, "san"), f.getKey()),
            "unknown subject alternative name type '"
                + f.getKey()
                + "'; use email, dns, uri or ip");
      }
    }
    String fingerprint =
        match.has("sha256Fingerprint")
            ? match.get("sha256Fingerprint").asText().replace(":", "").toLowerCase(Locale.ROOT)
            : null;
    CertificateRule.UsernameSource source;
    try {
      source = CertificateRule.UsernameSource.parse(node.get("username").asText());
      String fixed = source.fixed();
      String problem = fixed == null ? null : IdentityText.identityProblem(fixed, 256);
      if (problem != null) {
        problems.error(JsonPointers.child(pointer, "username"), "fixed username " + problem);
      }
    } catch (IllegalArgumentException ex) {
      problems.error(JsonPointers.child(pointer, "username"), String.valueOf(ex.getMessage()));
      return null;
    }
    String name = node.has("name") ? node.get("name").asText() : "certificates/" + index;
    return new CertificateRule(
        name,
        issuer,
        subject,
        fields,
        sans,
        fingerprint,
        source,
        roles(pointer, node),
        clientIds(pointer, node),
        attributes(node));
  }

  private @org.jspecify.annotations.Nullable X500Principal dn(
      JsonNode match, String key, String at) {
    if (!match.has(key)) {
      return null;
    }
    try {
      return new X500Principal(match.get(key).asText());
    } catch (IllegalArgumentException ex) {
      problems.error(
          JsonPointers.child(at, key),
          "not a valid RFC 4514 distinguished name (expected e.g. CN=Devices CA,O=Acme)");
      return null;
    }
  }

  static ASN1ObjectIdentifier attributeOid(String key) {
    if (key.matches("[0-9]+(\\.[0-9]+)+")) {
      return new ASN1ObjectIdentifier(key);
    }
    return BCStyle.INSTANCE.attrNameToOID(key.equals("E") ? "EmailAddress" : key);
  }

  private Set<String> roles(String pointer, JsonNode node) {
    Set<String> roles = new LinkedHashSet<>();
    JsonNode arr = node.path("roles");
    for (int i = 0; i < arr.size(); i++) {
      String role = arr.get(i).asText();
      if (!knownRoles.contains(role)) {
        problems.error(
            JsonPointers.child(JsonPointers.child(pointer, "roles"), i),
            "unknown role '" + role + "'; roles are defined in acl.json: " + sorted(knownRoles));
      }
      roles.add(role);
    }
    return roles;
  }

  private List<ClientIdPattern> clientIds(String pointer, JsonNode node) {
    List<ClientIdPattern> out = new ArrayList<>();
    JsonNode arr = node.path("clientIds");
    for (int i = 0; i < arr.size(); i++) {
      try {
        out.add(ClientIdPattern.parse(arr.get(i).asText()));
      } catch (IllegalArgumentException ex) {
        problems.error(
            JsonPointers.child(JsonPointers.child(pointer, "clientIds"), i),
            String.valueOf(ex.getMessage()));
      }
    }
    return out;
  }

  private static Map<String, String> attributes(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    for (var it = node.path("attributes").fields(); it.hasNext(); ) {
      var e = it.next();
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}

package io.mqttguard.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.JsonPointers;
import io.mqttguard.config.ProblemCollector;
import io.mqttguard.topic.TopicLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps the authentication sections of a schema-valid {@code guard.json}. One per load. */
final class SettingsLoader {
  private final ProblemCollector problems;
  private final Path baseDir;
  private final Set<String> knownRoles;
  private final Clock clock;

  SettingsLoader(String fileName, Path baseDir, Set<String> knownRoles, Clock clock) {
    this.problems = new ProblemCollector(fileName);
    this.baseDir = baseDir;
    this.knownRoles = Set.copyOf(knownRoles);
    this.clock = clock;
  }

  AuthSettings load(JsonNode root) throws ConfigException {
    Map<String, ListenerPolicy> listeners = new HashMap<>();
    for (var it = root.path("listeners").fields(); it.hasNext(); ) {
      var e = it.next();
      listeners.put(e.getKey(), listener(e.getValue()));
    }
    ListenerPolicy fallback =
        root.has("defaultListener")
            ? listener(root.get("defaultListener"))
            : ListenerPolicy.DEFAULT;
    Map<String, Set<String>> roleListeners = new HashMap<>();
    for (var it = root.path("roleListeners").fields(); it.hasNext(); ) {
      var e = it.next();
      if (!knownRoles.contains(e.getKey())) {
        problems.error(
            JsonPointers.child("/roleListeners", e.getKey()),
            "unknown role '" + e.getKey() + "'; roles are defined in acl.json");
      }
      Set<String> names = new LinkedHashSet<>();
      e.getValue().forEach(n -> names.add(n.asText()));
      roleListeners.put(e.getKey(), Set.copyOf(names));
    }
    Revocation revocation = crls(root.path("revocation").path("crlFiles"));
    LockoutSettings lockout = lockout(root.path("lockout"));
    problems.throwIfErrors();
    return new AuthSettings(
        listeners,
        fallback,
        roleListeners,
        lockout,
        cache(root.path("verificationCache")),
        revocation,
        topicLimits(root.path("topicLimits")),
        problems.warnings());
  }

  private static ListenerPolicy listener(JsonNode n) {
    ListenerPolicy d = ListenerPolicy.DEFAULT;
    return new ListenerPolicy(
        n.has("authentication") ? AuthMode.fromJson(n.get("authentication").asText()) : d.mode(),
        n.path("allowAnonymous").asBoolean(d.allowAnonymous()),
        n.path("requireTlsForPassword").asBoolean(d.requireTlsForPassword()),
        n.path("minTlsVersion").asText(d.minTlsVersion()));
  }

  private LockoutSettings lockout(JsonNode n) {
    LockoutSettings d = LockoutSettings.DEFAULT;
    try {
      return new LockoutSettings(
          n.path("enabled").asBoolean(d.enabled()),
          n.path("maxFailuresPerUsername").asInt(d.maxFailuresPerUsername()),
          n.path("maxFailuresPerAddress").asInt(d.maxFailuresPerAddress()),
          seconds(n, "windowSeconds", d.window()),
          seconds(n, "initialBlockSeconds", d.initialBlock()),
          seconds(n, "maxBlockSeconds", d.maxBlock()),
          n.path("maxTrackedKeys").asInt(d.maxTrackedKeys()));
    } catch (IllegalArgumentException e) {
      problems.error("/lockout", String.valueOf(e.getMessage()));
      return d;
    }
  }

  private static CacheSettings cache(JsonNode n) {
    CacheSettings d = CacheSettings.DEFAULT;
    return new CacheSettings(
        n.path("enabled").asBoolean(d.enabled()),
        seconds(n, "expireAfterSeconds", d.expireAfter()),
        n.path("maximumSize").asLong(d.maximumSize()));
  }

  private static TopicLimits topicLimits(JsonNode n) {
    TopicLimits d = TopicLimits.DEFAULT;
    return new TopicLimits(
        n.path("maxLevels").asInt(d.maxLevels()), n.path("maxBytes").asInt(d.maxBytes()));
  }

  private static Duration seconds(JsonNode n, String key, Duration fallback) {
    return n.has(key) ? Duration.ofSeconds(n.get(key).asLong()) : fallback;
  }

  private Revocation crls(JsonNode files) {
    List<X509CRL> out = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String pointer = JsonPointers.child("/revocation/crlFiles", i);
      Path file = baseDir.resolve(files.get(i).asText());
      paths.add(file);
      try (InputStream in = Files.newInputStream(file)) {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        var crls = cf.generateCRLs(in);
        if (crls.isEmpty()) {
          problems.error(pointer, "no CRL found in " + file + " (expected PEM or DER X.509 CRLs)");
        }
        for (CRL crl : crls) {
          X509CRL x = (X509CRL) crl;
          Date next = x.getNextUpdate();
          if (next != null && next.toInstant().isBefore(clock.instant())) {
            problems.warn(
                pointer,
                "CRL of "
                    + x.getIssuerX500Principal().getName()
                    + " is past its next update ("
                    + next.toInstant()
                    + "); its revocations still apply, but fetch a fresh CRL");
          }
          out.add(x);
        }
      } catch (IOException e) {
        problems.error(
            pointer, "cannot read CRL file " + file + ": " + e.getClass().getSimpleName());
      } catch (CRLException | CertificateException | RuntimeException e) {
        problems.error(
            pointer, "not a valid CRL file " + file + " (expected PEM or DER X.509 CRLs)");
      }
    }
    return new Revocation(out, paths);
  }
}

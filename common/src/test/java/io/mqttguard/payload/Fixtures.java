package io.mqttguard.payload;

import io.mqttguard.audit.AuditEvent;
import io.mqttguard.audit.AuditSink;
import io.mqttguard.config.ConfigException;
import io.mqttguard.identity.ClientIdentity;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** Shared test data: fixed keys, a keys.json/payload.json pair, a recording audit sink. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final ClientIdentity SENSOR = ClientIdentity.user("sensor-1", "sensor", Set.of("sensor"));

  private Fixtures() {}

  /** 32 bytes 0x00, 0x01, ... + {@code seed}. */
  static byte[] key(int seed) {
    byte[] k = new byte[32];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (i + seed);
    }
    return k;
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  /** Keys 1 (AES, primary), 2 (ChaCha, enabled), 3 (AES derived per topic), 4 (HMAC primary). */
  static String keysJson() {
    return """
        {"keys": [
          {"id": 1, "algorithm": "AES-256-GCM", "status": "primary", "material": "%s"},
          {"id": 2, "algorithm": "CHACHA20-POLY1305", "status": "enabled", "material": "%s"},
          {"id": 3, "algorithm": "AES-256-GCM", "status": "enabled", "material": "%s",
           "derive": "topic"},
          {"id": 4, "algorithm": "HMAC-SHA256", "status": "primary", "material": "%s"}
        ]}
        """
        .formatted(b64(key(1)), b64(key(2)), b64(key(3)), b64(key(4)));
  }

  static String payloadJson() {
    return """
        {"rules": [
          {"name": "telemetry", "topics": ["sensors/+/data"], "action": "decrypt",
           "keys": [1, 2, 3]},
          {"name": "bound", "topics": ["bound/#"], "action": "decrypt", "keys": [1],
           "requireClientBinding": true},
          {"name": "stamped", "topics": ["cmd/#"], "action": "verify-hmac", "keys": [4]},
          {"name": "e2e", "topics": ["e2e/#"], "action": "require-protected"},
          {"name": "small", "topics": ["small/#"], "action": "decrypt", "keys": [1],
           "maxPayloadBytes": 64}
        ]}
        """;
  }

  static Keyset keyset() throws ConfigException {
    return Keyset.parse("keys.json", utf8(keysJson()));
  }

  static PayloadConfig config() throws ConfigException {
    return PayloadConfig.parse("keys.json", utf8(keysJson()), "payload.json", utf8(payloadJson()));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static SecureRandom seededRandom() {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(42);
      return r;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Collects audit events. */
  static final class RecordingSink implements AuditSink {
    final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void record(AuditEvent event) {
      events.add(event);
    }
  }
}

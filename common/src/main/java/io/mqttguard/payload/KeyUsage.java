package io.mqttguard.payload;

import io.mqttguard.audit.AuditSink;
import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * How many envelopes each AEAD key has protected: the broker counts every accepted envelope per key
 * ID (a {@code LongAdder} per key), because 96-bit random nonces limit one AES-GCM or
 * ChaCha20-Poly1305 key to about 2³² messages. When a key's count crosses a threshold of {@link
 * #THRESHOLDS} the payload guard writes one audit event (event {@code key-usage}, outcome {@code
 * warn}, reasonCode {@code KEY_WEAR_OUT}) per key and threshold; {@code mqtt-guard check} warns
 * from the counts the broker persists ({@code keyUsageFile} of {@code payload.json}). For a key
 * with {@code "derive": "topic"} the count covers all its topics (each derived key has protected at
 * most that many). One instance lives as long as the broker, so counts survive hot reloads.
 * Thread-safe.
 */
public sealed interface KeyUsage permits KeyCounters {
  /** Warning thresholds of accepted envelopes per key: 2²⁸, 2³⁰, 2³¹ (the limit is 2³²). */
  List<Long> THRESHOLDS = List.of(1L << 28, 1L << 30, 1L << 31);

  /** A new, empty counter set that audits threshold crossings to {@code audit}. */
  static KeyUsage create(AuditSink audit, Clock clock) {
    return new KeyCounters(audit, clock);
  }

  /** Accepted envelopes under {@code keyId} (0 if none). */
  long count(long keyId);

  /** Every counted key ID with its count, by key ID. */
  Map<Long, Long> snapshot();

  /**
   * Raises each key's count to at least the given count (counts read from the persisted file at
   * start). Thresholds the restored count already passed are not audited again.
   */
  void restore(Map<Long, Long> counts);

  /**
   * Reads a key usage file written by {@link #write}; an absent file reads as no counts.
   *
   * @throws ConfigException if the file cannot be read or is not a valid key usage file (with file
   *     and JSON pointer)
   */
  static Map<Long, Long> read(Path file) throws ConfigException {
    return KeyUsageFile.read(file);
  }

  /** Writes {@code counts} to {@code file} atomically (a temporary file, then a rename). */
  static void write(Path file, Map<Long, Long> counts) throws IOException {
    KeyUsageFile.write(file, counts);
  }

  /**
   * One warning per usable AEAD key of {@code keys} whose count reached the first threshold, naming
   * the key ID and advising rotation ({@code fileName} is the file the warnings are reported on).
   */
  static List<ConfigProblem> warnings(String fileName, Map<Long, Long> counts, Keyset keys) {
    return KeyUsageFile.warnings(fileName, counts, keys);
  }
}

package io.mqttguard.payload;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.config.JsonConfigReader;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parsed {@code payload.json} rules together with the {@link Keyset} they refer to. Immutable
 * and thread-safe. Loading validates {@code keys.json} (schema {@code keys-1.json}) and {@code
 * payload.json} (schema {@code payload-1.json}), then checks that every rule's key IDs exist and
 * fit its action, and reports every problem with file and JSON pointer.
 */
public final class PayloadConfig {
  /** Schema resource name of {@code payload.json}. */
  public static final String SCHEMA = "payload-1.json";

  /** Default replay window: ±300 s. */
  public static final int DEFAULT_REPLAY_WINDOW_SECONDS = 300;

  /**
   * Default number of remembered nonces: 3,010,000 = 10,000 protected msgs/s × 301 s (an entry
   * lives while {@code now <= timestamp + window}), i.e. 10,000 msgs/s sustained with the default
   * window and synchronized clocks, 5,008 msgs/s if publishers stamp up to a full window in the
   * future. Memory grows with use, ~23.1 bytes per entry: at most ~70 MB (see
   * docs/payload-rules.md).
   */
  public static final int DEFAULT_REPLAY_CACHE_SIZE = 3_010_000;

  /**
   * Default share of the replay cache one publisher may hold, in percent of {@code cacheSize}: 10 %
   * (301,000 entries, ~1,000 msgs/s per publisher, with the default cache and window).
   */
  public static final int DEFAULT_REPLAY_PER_PUBLISHER_PERCENT = 10;

  /** The MQTT maximum payload size. */
  public static final int MAX_PAYLOAD_BYTES = 268_435_455;

  private final Keyset keys;
  private final RuleTrie trie;
  private final List<Rule> rules;
  private final int replayWindowSeconds;
  private final int replayCacheSize;
  private final int replayPerPublisher;
  private final @Nullable String keyUsageFile;

  PayloadConfig(Keyset keys, List<Rule> rules, int replayWindowSeconds, int replayCacheSize) {
    this(
        keys,
        rules,
        replayWindowSeconds,
        replayCacheSize,
        defaultPerPublisher(replayCacheSize),
        null);
  }

  PayloadConfig(
      Keyset keys,
      List<Rule> rules,
      int replayWindowSeconds,
      int replayCacheSize,
      int replayPerPublisher,
      @Nullable String keyUsageFile) {
    this.keys = keys;
    this.rules = List.copyOf(rules);
    this.trie = new RuleTrie(this.rules);
    this.replayWindowSeconds = replayWindowSeconds;
    this.replayCacheSize = replayCacheSize;
    this.replayPerPublisher = replayPerPublisher;
    this.keyUsageFile = keyUsageFile;
  }

  /** {@value #DEFAULT_REPLAY_PER_PUBLISHER_PERCENT} % of {@code cacheSize}, at least 1. */
  static int defaultPerPublisher(int cacheSize) {
    return (int) Math.max(1, (long) cacheSize * DEFAULT_REPLAY_PER_PUBLISHER_PERCENT / 100);
  }

  /** No rules: every payload passes through. */
  public static PayloadConfig empty() {
    return new PayloadConfig(
        Keyset.empty(), List.of(), DEFAULT_REPLAY_WINDOW_SECONDS, DEFAULT_REPLAY_CACHE_SIZE);
  }

  /**
   * Loads {@code keysJson} and {@code payloadJson}.
   *
   * @throws ConfigException listing every problem of both files (never key material)
   */
  public static PayloadConfig load(Path keysJson, Path payloadJson) throws ConfigException {
    Keyset keys = Keyset.load(keysJson);
    try {
      var root = new JsonConfigReader().read(payloadJson, SCHEMA);
      return new PayloadLoader(Keyset.fileName(payloadJson), keys).load(root);
    } catch (ConfigException e) {
      keys.destroy();
      throw e;
    }
  }

  /** Parses both files from bytes; see {@link #load}. */
  public static PayloadConfig parse(
      String keysFileName, byte[] keysJson, String payloadFileName, byte[] payloadJson)
      throws ConfigException {
    Keyset keys = Keyset.parse(keysFileName, keysJson);
    return withKeys(keys, payloadFileName, payloadJson);
  }

  /** Parses {@code payloadJson} against an already loaded keyset. */
  public static PayloadConfig withKeys(Keyset keys, String payloadFileName, byte[] payloadJson)
      throws ConfigException {
    var root = new JsonConfigReader().parse(payloadFileName, payloadJson, SCHEMA);
    return new PayloadLoader(payloadFileName, keys).load(root);
  }

  /** The keys the rules refer to. */
  public Keyset keys() {
    return keys;
  }

  /** Number of rules. */
  public int ruleCount() {
    return rules.size();
  }

  /** The replay window in seconds (accepted skew in both directions). */
  public int replayWindowSeconds() {
    return replayWindowSeconds;
  }

  /** Most nonces remembered inside the window. */
  public int replayCacheSize() {
    return replayCacheSize;
  }

  /**
   * Most live replay entries one publisher (its username, else its client ID) may hold ({@code
   * replay.maxPerPublisher}; default {@value #DEFAULT_REPLAY_PER_PUBLISHER_PERCENT} % of {@link
   * #replayCacheSize()}).
   */
  public int replayPerPublisher() {
    return replayPerPublisher;
  }

  /**
   * Where the broker persists its per-key counts of accepted envelopes ({@code keyUsageFile}, a
   * path relative to the configuration directory or absolute), or {@code null} if not configured.
   */
  public @Nullable String keyUsageFile() {
    return keyUsageFile;
  }

  /** Warnings are not produced by this version; kept for symmetry with the other loaders. */
  public List<ConfigProblem> warnings() {
    return List.of();
  }

  List<Rule> rules() {
    return rules;
  }

  /** Whether any payload rule is configured (else every payload passes through unchanged). */
  public boolean hasRules() {
    return !rules.isEmpty();
  }

  RuleTrie trie() {
    return trie;
  }

  @Override
  public String toString() {
    return "PayloadConfig[" + rules.size() + " rules, " + keys + "]";
  }
}

package io.mqttguard.benchmarks;

import io.mqttguard.audit.AuditSink;
import io.mqttguard.config.ConfigException;
import io.mqttguard.identity.ClientIdentity;
import io.mqttguard.payload.Keyset;
import io.mqttguard.payload.PayloadConfig;
import io.mqttguard.payload.PayloadGuard;
import io.mqttguard.payload.PayloadSealer;
import io.mqttguard.payload.PayloadSecurityException;
import io.mqttguard.payload.PayloadVerdict;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Broker-side payload decryption ({@link PayloadGuard#inbound}) for 64 B, 1 KiB and 64 KiB
 * plaintexts, the no-rule-matches path, and a baseline in the same run: one raw JCA AES-256-GCM
 * decryption of the same size with a reused {@code Cipher} (the floor any JVM implementation pays),
 * and the same for ChaCha20-Poly1305.
 *
 * <p>Every measured call is a fresh, authentic envelope that the guard accepts (outcome {@code
 * Replaced}): the benchmark cycles through a pool of distinct envelopes and, each time the pool
 * wraps, switches to a new guard (empty replay memory), so no call is a replay. The guard creation
 * is amortized over the pool (1024 envelopes; 256 for 64 KiB) and is a few nanoseconds per call.
 *
 * <p>Every method counts its calls in {@link CpuClock} (CPU time per call, see docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PayloadDecryptBenchmark {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final String TOPIC = "sensors/a/data";
  private static final ClientIdentity PUBLISHER =
      ClientIdentity.user("sensor-1", "sensor", Set.of("sensor"));

  @Param({"64", "1024", "65536"})
  public int size;

  private PayloadConfig config;
  private Clock clock;
  private int pool;
  private PayloadGuard noRuleGuard;
  private PayloadGuard aesGuard;
  private PayloadGuard chachaGuard;
  private int aesNext;
  private int chachaNext;
  private byte[][] aes;
  private byte[][] chacha;
  private byte[] plain;
  private Cipher raw;
  private SecretKeySpec rawKey;
  private byte[] rawNonce;
  private byte[] rawCiphertext;
  private Cipher rawChacha;
  private SecretKeySpec rawChachaKey;
  private byte[][] rawChachaNonces;
  private byte[][] rawChachaCiphertexts;
  private int rawChachaNext;

  @Setup
  public void setUp() throws ConfigException, GeneralSecurityException {
    byte[] k1 = new byte[32];
    byte[] k2 = new byte[32];
    new SecureRandom().nextBytes(k1);
    new SecureRandom().nextBytes(k2);
    String keys =
        ("{\"keys\": [{\"id\": 1, \"algorithm\": \"AES-256-GCM\", \"status\": \"primary\","
                + " \"material\": \"%s\"}, {\"id\": 2, \"algorithm\": \"CHACHA20-POLY1305\","
                + " \"status\": \"enabled\", \"material\": \"%s\"}]}")
            .formatted(b64(k1), b64(k2));
    String rules =
        "{\"rules\": [{\"topics\": [\"sensors/+/data\"], \"action\": \"decrypt\", \"keys\": [1, 2]}]}";
    clock = Clock.fixed(NOW, ZoneOffset.UTC);
    config = PayloadConfig.parse("keys.json", utf8(keys), "payload.json", utf8(rules));
    noRuleGuard = newGuard();
    aesGuard = newGuard();
    chachaGuard = newGuard();
    Keyset keyset = config.keys();
    PayloadSealer sealer = PayloadSealer.create(keyset, clock, new SecureRandom());
    plain = new byte[size];
    pool = size >= 65536 ? 256 : 1024;
    aes = new byte[pool][];
    chacha = new byte[pool][];
    for (int i = 0; i < pool; i++) {
      aes[i] = seal(sealer, plain);
      chacha[i] = seal(sealer.withKey(2), plain);
    }
    rawKey = new SecretKeySpec(k1, "AES");
    rawNonce = new byte[12];
    raw = Cipher.getInstance("AES/GCM/NoPadding");
    Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
    enc.init(Cipher.ENCRYPT_MODE, rawKey, new GCMParameterSpec(128, rawNonce));
    rawCiphertext = enc.doFinal(plain);
    rawChachaKey = new SecretKeySpec(k2, "ChaCha20");
    rawChacha = Cipher.getInstance("ChaCha20-Poly1305");
    rawChachaNonces = new byte[][] {new byte[12], new byte[12]};
    rawChachaNonces[1][0] = 1;
    rawChachaCiphertexts = new byte[2][];
    for (int i = 0; i < 2; i++) {
      Cipher chachaEnc = Cipher.getInstance("ChaCha20-Poly1305");
      chachaEnc.init(Cipher.ENCRYPT_MODE, rawChachaKey, new IvParameterSpec(rawChachaNonces[i]));
      rawChachaCiphertexts[i] = chachaEnc.doFinal(plain);
    }
    if (!(newGuard().inbound(TOPIC, PUBLISHER, aes[0]) instanceof PayloadVerdict.Replaced)
        || !(newGuard().inbound(TOPIC, PUBLISHER, chacha[0]) instanceof PayloadVerdict.Replaced)) {
      throw new IllegalStateException("the benchmark envelopes must be accepted");
    }
  }

  private PayloadGuard newGuard() {
    return PayloadGuard.create(config, AuditSink.discarding(), clock);
  }

  private static byte[] seal(PayloadSealer sealer, byte[] plain) {
    try {
      return sealer.seal(TOPIC, plain);
    } catch (PayloadSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Baseline: raw JCA AES-256-GCM decryption, reused Cipher, no envelope. */
  @Benchmark
  public byte[] baselineRawJcaAesGcm(CpuClock cpu) throws GeneralSecurityException {
    cpu.calls++;
    raw.init(Cipher.DECRYPT_MODE, rawKey, new GCMParameterSpec(128, rawNonce));
    return raw.doFinal(rawCiphertext);
  }

  /**
   * Baseline: raw JCA ChaCha20-Poly1305 decryption, reused Cipher, no envelope; alternates between
   * two nonces (the JDK refuses to re-initialize with the same key and nonce, even to decrypt).
   */
  @Benchmark
  public byte[] baselineRawJcaChaCha20Poly1305(CpuClock cpu) throws GeneralSecurityException {
    cpu.calls++;
    int i = rawChachaNext;
    rawChachaNext = 1 - i;
    rawChacha.init(Cipher.DECRYPT_MODE, rawChachaKey, new IvParameterSpec(rawChachaNonces[i]));
    return rawChacha.doFinal(rawChachaCiphertexts[i]);
  }

  @Benchmark
  public PayloadVerdict decryptAes256Gcm(CpuClock cpu) {
    cpu.calls++;
    if (aesNext == pool) {
      aesNext = 0;
      aesGuard = newGuard();
    }
    return aesGuard.inbound(TOPIC, PUBLISHER, aes[aesNext++]);
  }

  @Benchmark
  public PayloadVerdict decryptChaCha20Poly1305(CpuClock cpu) {
    cpu.calls++;
    if (chachaNext == pool) {
      chachaNext = 0;
      chachaGuard = newGuard();
    }
    return chachaGuard.inbound(TOPIC, PUBLISHER, chacha[chachaNext++]);
  }

  /** A topic no rule matches: the trie walk only (independent of size). */
  @Benchmark
  public PayloadVerdict noRuleMatches(CpuClock cpu) {
    cpu.calls++;
    return noRuleGuard.inbound("building/7/floor/3/temperature", PUBLISHER, plain);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}

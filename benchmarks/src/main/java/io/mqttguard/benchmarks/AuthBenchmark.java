package io.mqttguard.benchmarks;

import io.mqttguard.audit.AuditSink;
import io.mqttguard.auth.AuthConfig;
import io.mqttguard.auth.AuthResult;
import io.mqttguard.auth.AuthSettings;
import io.mqttguard.auth.Authenticator;
import io.mqttguard.auth.ConnectRequest;
import io.mqttguard.auth.InvalidHashException;
import io.mqttguard.auth.PasswordHash;
import io.mqttguard.auth.PasswordHasher;
import io.mqttguard.auth.UsersConfig;
import io.mqttguard.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Authentication cost: a cached re-authentication through {@link Authenticator#authenticate} (the
 * same credentials again: verification-cache hit), the same CONNECT with the cache disabled (full
 * argon2id verification), and {@link PasswordHash#verify} for every supported hash format at the
 * cost parameters deployments actually use. Baseline in the same run: one SHA-256 of the password.
 *
 * <p>The authenticator hashes on a direct executor (the benchmark thread), so {@link CpuClock} sees
 * all of the work. Every hash is generated in {@code @Setup} and checked to verify, so each
 * measured call is a successful verification.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuthBenchmark {
  private static final byte[] PASSWORD =
      "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
  private static final Executor DIRECT = Runnable::run;

  private MessageDigest sha256;
  private Authenticator cached;
  private Authenticator uncached;
  private ConnectRequest connect;

  /** Hash formats with realistic parameters; see {@link Hashes}. */
  @State(Scope.Benchmark)
  public static class Hashes {
    /**
     * {@code argon2id}: m=19456,t=2,p=1 (our default); {@code bcrypt-10}: cost 10; {@code
     * scrypt-17}: ln=17,r=8,p=1; {@code pbkdf2-sha256}: 600,000 iterations; {@code pbkdf2-sha512}:
     * 210,000; {@code mosquitto-7}: $7$ with mosquitto_passwd's 101 iterations; {@code
     * mosquitto-6}: $6$ salted SHA-512; {@code file-rbac}: HiveMQ file-rbac's default 100
     * iterations; {@code go-auth}: PBKDF2$sha512$ with go-auth's default 100,000.
     */
    @Param({
      "argon2id",
      "bcrypt-10",
      "scrypt-17",
      "pbkdf2-sha256",
      "pbkdf2-sha512",
      "mosquitto-7",
      "mosquitto-6",
      "file-rbac",
      "go-auth"
    })
    public String format;

    PasswordHash hash;

    @Setup
    public void setUp() throws GeneralSecurityException, InvalidHashException {
      hash = PasswordHash.parse(TestHashes.encode(format, PASSWORD, new SecureRandom()));
      if (!hash.verify(PASSWORD) || hash.verify("wrong".getBytes(StandardCharsets.UTF_8))) {
        throw new IllegalStateException("benchmark hash does not verify: " + format);
      }
    }
  }

  @Setup
  public void setUp() throws ConfigException, GeneralSecurityException {
    sha256 = MessageDigest.getInstance("SHA-256");
    String stored = PasswordHasher.argon2id(new SecureRandom()).hash(PASSWORD);
    byte[] users =
        ("{\"users\": {\"sensor-1\": {\"password\": \"%s\", \"roles\": [\"sensor\"],"
                + " \"clientIds\": [\"${user.name}\"]}}}")
            .formatted(stored)
            .getBytes(StandardCharsets.UTF_8);
    String listener = "\"defaultListener\": {\"requireTlsForPassword\": false}";
    cached = authenticator(users, "{" + listener + "}");
    uncached =
        authenticator(users, "{" + listener + ", \"verificationCache\": {\"enabled\": false}}");
    connect = new ConnectRequest("sensor-1", "sensor-1", PASSWORD, "tcp", "127.0.0.1", null, 4);
    for (Authenticator a : new Authenticator[] {cached, uncached}) {
      if (!(a.authenticate(connect).join() instanceof AuthResult.Accepted)) {
        throw new IllegalStateException("the benchmark CONNECT must be accepted");
      }
    }
  }

  private static Authenticator authenticator(byte[] users, String guard) throws ConfigException {
    Set<String> roles = Set.of("sensor");
    Clock clock = Clock.systemUTC();
    AuthConfig config =
        new AuthConfig(
            UsersConfig.parse("users.json", users, roles),
            AuthSettings.parse(
                "guard.json", guard.getBytes(StandardCharsets.UTF_8), Path.of("."), roles, clock));
    return Authenticator.create(config, DIRECT, AuditSink.discarding(), clock, new SecureRandom());
  }

  /** Baseline: one SHA-256 of the password. */
  @Benchmark
  public byte[] baselineSha256(CpuClock cpu) {
    cpu.calls++;
    return sha256.digest(PASSWORD);
  }

  /** A reconnect with the same credentials: input checks, lockout check, cache hit, binding. */
  @Benchmark
  public AuthResult cachedReauthentication(CpuClock cpu) {
    cpu.calls++;
    return cached.authenticate(connect).join();
  }

  /** The same CONNECT with the verification cache disabled: one argon2id verification. */
  @Benchmark
  public AuthResult uncachedAuthentication(CpuClock cpu) {
    cpu.calls++;
    return uncached.authenticate(connect).join();
  }

  /** One {@link PasswordHash#verify} of the right password. */
  @Benchmark
  public boolean verify(Hashes hashes, CpuClock cpu) {
    cpu.calls++;
    return hashes.hash.verify(PASSWORD);
  }
}

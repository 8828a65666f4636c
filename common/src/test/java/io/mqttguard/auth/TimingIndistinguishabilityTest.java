package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.audit.AuditSink;
import io.mqttguard.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Statistical check that an attacker cannot tell an unknown username from a wrong password by the
 * time a CONNECT takes, and that secret comparisons are constant-time by construction.
 *
 * <p>Not a timed unit test: the two paths are sampled interleaved in the same process, so machine
 * load hits both equally, and only their ratio is asserted with generous margins. A control
 * measurement shows that the same statistic does detect a real difference (a path that skips
 * hashing), so a pass is not vacuous.
 */
class TimingIndistinguishabilityTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SAMPLES = 120;
  private static final int WARMUP = 20;

  private final Authenticator authenticator = authenticator();

  private static Authenticator authenticator() {
    // Cheap but real argon2id parameters, so that the test stays fast; the decoy for unknown users
    // copies the format and cost of the users file.
    String hash = PasswordHasher.argon2id(2048, 2, 1, RANDOM).hash(b("correct horse"));
    String users =
        """
        {"users": {"alice": {"password": "%s", "roles": ["operator"]},
                   "bob": {"password": "%s", "roles": ["operator"]}}}
        """
            .formatted(hash, hash);
    String guard =
        """
        {"defaultListener": {"requireTlsForPassword": false},
         "lockout": {"enabled": false}}
        """;
    try {
      Set<String> roles = Set.of("operator");
      AuthConfig config =
          new AuthConfig(
              UsersConfig.parse("users.json", b(users), roles),
              AuthSettings.parse("guard.json", b(guard), Path.of("."), roles, Clock.systemUTC()));
      return Authenticator.create(
          config, Runnable::run, AuditSink.discarding(), Clock.systemUTC(), RANDOM);
    } catch (ConfigException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  private long nanos(@Nullable String username, @Nullable String password) {
    ConnectRequest request =
        new ConnectRequest(
            "c-" + RANDOM.nextInt(1_000_000),
            username,
            password == null ? null : b(password),
            "tcp",
            "192.0.2.9",
            null,
            5);
    long start = System.nanoTime();
    AuthResult result = authenticator.authenticate(request).join();
    long elapsed = System.nanoTime() - start;
    assertThat(result).isInstanceOf(AuthResult.Rejected.class);
    return elapsed;
  }

  /** Medians of two interleaved samples: {@code [a, b]}. */
  private double[] interleavedMedians(
      @Nullable String userA, @Nullable String pwA, @Nullable String userB, @Nullable String pwB) {
    for (int i = 0; i < WARMUP; i++) {
      var unusedA = nanos(userA, pwA);
      var unusedB = nanos(userB, pwB);
    }
    long[] a = new long[SAMPLES];
    long[] b = new long[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      if (i % 2 == 0) {
        a[i] = nanos(userA, pwA);
        b[i] = nanos(userB, pwB);
      } else {
        b[i] = nanos(userB, pwB);
        a[i] = nanos(userA, pwA);
      }
    }
    return new double[] {median(a), median(b)};
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  @Test
  void unknownUser_andWrongPassword_takeIndistinguishableTime() {
    double[] m = interleavedMedians("nobody-" + RANDOM.nextInt(), "guess", "alice", "guess");
    double ratio = m[0] / m[1];
    assertThat(ratio)
        .as("median unknown-user / wrong-password time (%.0f ns / %.0f ns)", m[0], m[1])
        .isBetween(0.67, 1.5);
  }

  @Test
  void control_theSameStatistic_detectsAPathThatSkipsHashing() {
    // A CONNECT with a username but no password is refused before any hashing: the statistic
    // above must be able to see such a difference, or its pass would mean nothing.
    double[] m = interleavedMedians("alice", null, "alice", "guess");
    assertThat(m[0] / m[1]).isLessThan(0.5);
  }

  @Test
  void secretComparisons_inCoreSources_useMessageDigestIsEqual() throws IOException {
    Path sources = Path.of("src/main/java/io/mqttguard");
    Pattern variableTime = Pattern.compile("Arrays\\.equals\\(|Arrays\\.mismatch\\(");
    List<Path> hashes;
    try (Stream<Path> files = Files.walk(sources)) {
      List<Path> all = files.filter(p -> p.toString().endsWith(".java")).toList();
      for (Path file : all) {
        String text = Files.readString(file);
        assertThat(variableTime.matcher(text).find())
            .as("%s compares arrays with a variable-time method", file)
            .isFalse();
      }
      hashes = all.stream().filter(p -> p.getFileName().toString().endsWith("Hash.java")).toList();
    }
    List<Path> verifiers =
        hashes.stream().filter(p -> read(p).contains("public boolean verify(")).toList();
    assertThat(verifiers).isNotEmpty();
    for (Path file : verifiers) {
      assertThat(read(file)).as("%s", file).contains("MessageDigest.isEqual(");
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}

package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.testsupport.MutableClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  @Test
  void concurrentConnects_sameClientIdDifferentUsers_exactlyOneWins() throws Exception {
    SecureRandom random = new SecureRandom();
    String hash = PasswordHasher.argon2id(64, 1, 1, random).hash("pw".getBytes(UTF_8));
    StringBuilder users = new StringBuilder("{\"users\": {");
    for (int i = 0; i < 8; i++) {
      users
          .append(i == 0 ? "" : ",")
          .append("\"u")
          .append(i)
          .append("\": {\"password\": \"")
          .append(hash)
          .append("\"}");
    }
    users.append("}}");
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    AuthConfig config =
        new AuthConfig(
            UsersConfig.parse("users.json", users.toString().getBytes(UTF_8), Set.of()),
            AuthSettings.parse(
                "guard.json",
                "{\"defaultListener\": {\"requireTlsForPassword\": false}}".getBytes(UTF_8),
                Path.of("."),
                Set.of(),
                clock));
    ExecutorService pool = Authenticator.newHashingExecutor(2, 64);
    try {
      Authenticator a = Authenticator.create(config, pool, e -> {}, clock, random);
      List<CompletableFuture<AuthResult>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            a.authenticate(
                new ConnectRequest(
                    "shared", "u" + i, "pw".getBytes(UTF_8), "plain", null, null, 5)));
      }
      long accepted =
          results.stream().map(CompletableFuture::join).filter(AuthResult::accepted).count();
      assertThat(accepted).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void hashingExecutor_full_rejectsInsteadOfRunningOnTheCaller() throws Exception {
    ExecutorService pool = Authenticator.newHashingExecutor(1, 1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      pool.execute(() -> awaitQuietly(release)); // occupies the only thread
      pool.execute(() -> {}); // fills the queue
      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> pool.execute(() -> {})))
          .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    } finally {
      release.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      var unused = latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

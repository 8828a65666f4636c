package io.mqttguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import io.mqttguard.guard.Guard;
import io.mqttguard.guard.GuardOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check}, {@code explain} and {@code test} load a configuration through the same door as the
 * brokers ({@link Guard#open}, which both adapters call at start): a directory a broker refuses is
 * refused by the CLI with exactly the same problems (file, JSON pointer, message).
 */
class SameDoorAsTheBrokersTest {
  private static final String ACL_WITH_BAD_FILTER =
      "{\"roles\": {\"r\": {\"rules\": [{\"effect\": \"allow\", \"actions\": [\"publish\"],"
          + " \"topics\": [\"a/#/b\"]}]}}, \"anonymous\": {\"roles\": [\"ghost\"]}}";
  private static final String GOOD_ACL =
      "{\"roles\": {\"r\": {\"rules\": [{\"effect\": \"allow\", \"actions\": [\"publish\"],"
          + " \"topics\": [\"a/b\"]}]}}}";

  @TempDir
  @SuppressWarnings("NullAway.Init") // injected by JUnit
  Path dir;

  @Test
  void check_brokenAclUsersAndPayloadWithoutKeys_sameProblemsAsTheBroker() throws Exception {
    Files.writeString(dir.resolve("acl.json"), ACL_WITH_BAD_FILTER);
    Files.writeString(dir.resolve("users.json"), "{\"users\": {\"bob\": {\"roles\": 7}}}");
    Files.writeString(dir.resolve("payload.json"), "{\"rules\": []}");

    assertCheckReportsExactlyWhatTheBrokerRefuses();
  }

  @Test
  void check_unknownRolesInUsersAndGuard_andBrokenKeys_sameProblemsAsTheBroker() throws Exception {
    Files.writeString(dir.resolve("acl.json"), GOOD_ACL);
    Files.writeString(dir.resolve("users.json"), "{\"users\": {\"bob\": {\"roles\": [\"nope\"]}}}");
    Files.writeString(
        dir.resolve("guard.json"), "{\"anonymous\": {\"allowed\": true, \"roles\": [\"nope\"]}}");
    Files.writeString(dir.resolve("keys.json"), "{\"keys\": [{\"id\": 1}]}");

    assertCheckReportsExactlyWhatTheBrokerRefuses();
  }

  @Test
  void explainAndTest_refuseWhatTheBrokerRefuses_withItsProblems() throws Exception {
    Files.writeString(dir.resolve("acl.json"), GOOD_ACL);
    Files.writeString(dir.resolve("payload.json"), "{\"rules\": []}");
    Path cases = Files.writeString(dir.resolve("cases.json"), "{\"cases\": []}");
    Set<String> refused = brokerProblems();
    assertThat(refused)
        .contains(
            "error: payload.json: (document): payload.json needs keys.json in the same directory");

    Cli.Result explain =
        Cli.run("explain", "-c", dir.toString(), "-a", "publish", "-t", "a/b", "-u", "bob");
    Cli.Result test = Cli.run("test", "-c", dir.toString(), cases.toString());

    assertThat(explain.code()).as(explain.toString()).isEqualTo(2);
    assertThat(lines(explain.err())).isEqualTo(refused);
    assertThat(test.code()).as(test.toString()).isEqualTo(2);
    assertThat(lines(test.err())).isEqualTo(refused);
  }

  private void assertCheckReportsExactlyWhatTheBrokerRefuses() {
    Set<String> refused = brokerProblems();
    assertThat(refused).anyMatch(p -> p.startsWith("error: "));

    Cli.Result r = Cli.run("check", "--config", dir.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    List<String> out = r.out().lines().toList();
    assertThat(Set.copyOf(out.subList(0, out.size() - 1))).isEqualTo(refused);
    assertThat(out.get(out.size() - 1))
        .isEqualTo(
            refused.stream().filter(p -> p.startsWith("error: ")).count()
                + " errors, "
                + refused.stream().filter(p -> !p.startsWith("error: ")).count()
                + " warnings");
  }

  /** The problems a broker start reports: what {@code Guard.open} throws, one line each. */
  private Set<String> brokerProblems() {
    GuardOptions options =
        GuardOptions.builder(dir, Clock.systemUTC(), new SecureRandom(), (s, why) -> {})
            .reloadInterval(Duration.ZERO)
            .hashingThreads(1)
            .build();
    ConfigException[] thrown = new ConfigException[1];
    assertThatThrownBy(() -> Guard.open(options).close())
        .isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
    return thrown[0].problems().stream()
        .map(p -> p.severity() == ConfigProblem.Severity.ERROR ? "error: " + p : p.toString())
        .collect(Collectors.toSet());
  }

  private static Set<String> lines(String text) {
    return text.lines().collect(Collectors.toSet());
  }
}

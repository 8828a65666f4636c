package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClientIdBindingLintTest {
  private static final String HASH = UsersConfigTest.ARGON;

  private static List<ConfigProblem> lint(String usersJson) throws ConfigException {
    return UsersConfig.parse("users.json", usersJson.getBytes(UTF_8), Set.of("r"))
        .clientIdBindingWarnings("users.json");
  }

  private static String user(String name, String clientIds) {
    return "\"%s\": {\"password\": \"%s\", \"roles\": [\"r\"]%s}"
        .formatted(name, HASH, clientIds.isEmpty() ? "" : ", \"clientIds\": [" + clientIds + "]");
  }

  private static String users(String... entries) {
    return "{\"users\": {" + String.join(", ", entries) + "}}";
  }

  @Test
  void allUsersBound_disjointPatterns_noWarning() throws ConfigException {
    assertThat(
            lint(
                users(
                    user("alice", "\"${user.name}\", \"${user.name}-*\""),
                    user("bob", "\"${user.name}\", \"${user.name}-*\""))))
        .isEmpty();
  }

  @Test
  void noUserBound_noWarning() throws ConfigException {
    assertThat(lint(users(user("alice", ""), user("bob", "")))).isEmpty();
  }

  @Test
  void someUsersUnbound_oneWarningNamingThemAndHowToBind() throws ConfigException {
    List<ConfigProblem> warnings =
        lint(users(user("alice", "\"${user.name}\""), user("bob", ""), user("carol", "")));

    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).toString())
        .isEqualTo(
            "warning: users.json: /users/bob: 2 of 3 principals are not bound to client IDs and"
                + " may connect with the client ID of a bound one while it is free (after a"
                + " restart, or on another cluster node): user 'bob', user 'carol'; bind them"
                + " with \"clientIds\", e.g. [\"${user.name}\", \"${user.name}-*\"]"
                + " (docs/authentication.md, client-ID binding)");
  }

  @Test
  void disabledAndPasswordlessUsers_areNotCountedAsUnbound() throws ConfigException {
    String json =
        "{\"users\": {"
            + user("alice", "\"${user.name}\"")
            + ", \"old\": {\"password\": \""
            + HASH
            + "\", \"disabled\": true}, \"rolesOnly\": {\"roles\": [\"r\"]}}}";

    assertThat(lint(json)).isEmpty();
  }

  @Test
  void unboundCertificateRule_nextToBoundUsers_isNamed() throws ConfigException {
    String json =
        "{\"users\": {"
            + user("alice", "\"${user.name}\"")
            + "}, \"certificates\": [{\"name\": \"devices\", \"match\": {\"subjectFields\":"
            + " {\"OU\": \"d\"}}, \"username\": \"${cert.cn}\", \"roles\": [\"r\"]}]}";

    List<ConfigProblem> warnings = lint(json);

    assertThat(warnings)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.pointer()).isEqualTo("/certificates/0");
              assertThat(w.message())
                  .contains("1 of 2 principals")
                  .contains("certificate rule 'devices'");
            });
  }

  @Test
  void hugeFile_namesAtMostTenAndCountsTheRest() throws ConfigException {
    String unbound =
        IntStream.range(0, 25).mapToObj(i -> user("u" + i, "")).collect(Collectors.joining(", "));

    List<ConfigProblem> warnings = lint(users(user("alice", "\"${user.name}\""), unbound));

    String message = warnings.get(0).message();
    assertThat(message)
        .contains("25 of 26 principals")
        .contains("user 'u9'")
        .contains(" and 15 more;");
    assertThat(message).doesNotContain("user 'u10'");
  }

  @Test
  void patternOfOneUserMatchingAnothersBoundId_isWarnedWithBothPatterns() throws ConfigException {
    List<ConfigProblem> warnings =
        lint(users(user("alice", "\"${user.name}-*\""), user("alice-2", "\"${user.name}\"")));

    assertThat(warnings)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.pointer()).isEqualTo("/users/alice/clientIds/0");
              assertThat(w.message())
                  .startsWith(
                      "1 pair(s) of client-ID patterns of different users allow a common client ID, so"
                          + " either user may connect with the other's client ID while it is free:"
                          + " user 'alice' '${user.name}-*' (/users/alice/clientIds/0) and user 'alice-2'"
                          + " '${user.name}' (/users/alice-2/clientIds/0);");
            });
  }

  @Test
  void starPatterns_overlapOnlyWhereAStringMatchesBoth() throws ConfigException {
    assertThat(lint(users(user("a", "\"x-*-1\""), user("b", "\"x-*-2\"")))).isEmpty();
    assertThat(lint(users(user("a", "\"*-1\""), user("b", "\"x-*\"")))).hasSize(1);
    assertThat(lint(users(user("a", "\"*\""), user("b", "\"${user.name}\"")))).hasSize(1);
  }

  @Test
  void substitutedUsernameWithStar_isLiteral() throws ConfigException {
    assertThat(lint(users(user("a*", "\"${user.name}\""), user("ab", "\"${user.name}\""))))
        .isEmpty();
  }

  @Test
  void intersect_handlesStarsOnBothSides() {
    int s = ClientIdPattern.STAR;
    assertThat(ClientIdBindingLint.intersect(new int[] {'a', s}, new int[] {s, 'b'})).isTrue();
    assertThat(ClientIdBindingLint.intersect(new int[] {'a', s, 'c'}, new int[] {'a', 'b'}))
        .isFalse();
    assertThat(ClientIdBindingLint.intersect(new int[] {s}, new int[] {})).isTrue();
    assertThat(ClientIdBindingLint.intersect(new int[] {'a'}, new int[] {})).isFalse();
  }
}

package io.mqttguard.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttguard.config.ConfigException;
import io.mqttguard.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersConfigTest {
  static final String ARGON =
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
  static final String MOSQ7 =
      "$7$101$vVgynrO8HnGkBmnG$FJxeWV8gmD95Z1O+OO86iM5IJVtyoheQin+iLUkFThEXGZSn8xjh63nawvo4lY3MjXKetDAzvXxALr2F1sQLWw==";
  static final Set<String> ROLES = Set.of("operator", "sensor");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static UsersConfig parse(String json) throws ConfigException {
    return UsersConfig.parse("users.json", json.getBytes(UTF_8), ROLES);
  }

  private static ConfigException rejected(String json) {
    try {
      var unused = parse(json);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("expected rejection");
  }

  @Test
  void parse_issueExample_loadsUsersAndRules() throws ConfigException {
    UsersConfig c =
        parse(
            """
            {"$schema": "https://mqttguard.io/schemas/users-1.json",
             "users": {
               "alice": {"password": "%s", "roles": ["operator"], "clientIds": ["alice-*"],
                         "attributes": {"site": "plant-3"}},
               "dev-7": {"password": "%s", "roles": ["sensor"], "clientIds": ["${user.name}"]}
             },
             "certificates": [
               {"match": {"issuer": "CN=Factory Devices CA,O=Acme"}, "username": "${cert.cn}",
                "roles": ["sensor"]}
             ]}
            """
                .formatted(ARGON, MOSQ7));
    assertThat(c.usernames()).containsExactlyInAnyOrder("alice", "dev-7");
    assertThat(c.certificateRuleCount()).isEqualTo(1);
    UserEntry alice = java.util.Objects.requireNonNull(c.user("alice"));
    assertThat(java.util.Objects.requireNonNull(alice.hash()).format())
        .isEqualTo(HashFormat.ARGON2ID);
    assertThat(c.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.pointer()).isEqualTo("/users/dev-7/password");
              assertThat(w.message()).contains("dev-7").contains("101 PBKDF2 iterations");
              assertThat(w.message()).doesNotContain("vVgynrO8HnGkBmnG");
            });
  }

  @Test
  void parse_malformedHash_isAnErrorNamingTheUser_withoutTheHash() {
    ConfigException e =
        rejected("{\"users\": {\"bob\": {\"password\": \"$7$101$notbase64!!$xx\"}}}");
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pointer()).isEqualTo("/users/bob/password");
              assertThat(p.message()).contains("user 'bob'").doesNotContain("notbase64");
            });
  }

  @Test
  void parse_plaintextPassword_isRejected() {
    ConfigException e = rejected("{\"users\": {\"bob\": {\"password\": \"hunter2\"}}}");
    assertThat(e.problems().get(0).message()).contains("plaintext passwords are not accepted");
  }

  @Test
  void parse_unknownRole_invalidPattern_badDn_allReportedAtOnce() {
    ConfigException e =
        rejected(
            """
            {"users": {"bob": {"password": "%s", "roles": ["admin"],
                               "clientIds": ["${client.id}", "a/b"]}},
             "certificates": [{"match": {"issuer": "not a dn"}, "username": "${cert.serial}"}]}
            """
                .formatted(ARGON));
    assertThat(e.problems())
        .extracting(ConfigProblem::pointer)
        .contains(
            "/users/bob/roles/0",
            "/users/bob/clientIds/0",
            "/users/bob/clientIds/1",
            "/certificates/0/match/issuer",
            "/certificates/0/username");
  }

  @Test
  void parse_unicodeDuplicateUsernames_areRejected() {
    // "é" precomposed vs "e" + combining acute: distinct JSON keys, same user to a human.
    ConfigException e = rejected("{\"users\": {\"ren\u00e9\": {}, \"rene\u0301\": {}}}");
    assertThat(e.problems().get(0).message()).contains("duplicate user");
  }

  @Test
  void parse_schemaViolations_areReportedWithPointers() {
    ConfigException e =
        rejected("{\"users\": {\"a/b\": {}, \"ok\": {\"pasword\": \"x\"}}, \"extra\": 1}");
    assertThat(e.problems()).extracting(ConfigProblem::pointer).contains("/users/ok", "");
  }

  @Test
  void settings_crlFileUnreadable_isAnErrorWithPointer(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("garbage.crl"), "not a crl");
    assertThatThrownBy(
            () ->
                AuthSettings.parse(
                    "guard.json",
                    "{\"revocation\": {\"crlFiles\": [\"missing.crl\", \"garbage.crl\"]}}"
                        .getBytes(UTF_8),
                    dir,
                    ROLES,
                    CLOCK))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .extracting(ConfigProblem::pointer)
                    .containsExactly("/revocation/crlFiles/0", "/revocation/crlFiles/1"));
  }

  @Test
  void settings_listenersAndDefaults_areParsed(@TempDir Path dir) throws Exception {
    AuthSettings s =
        AuthSettings.parse(
            "guard.json",
            """
            {"listeners": {"tls": {"authentication": "certificate-or-password",
                                   "minTlsVersion": "TLSv1.3"},
                           "plain": {"requireTlsForPassword": false, "allowAnonymous": true}},
             "roleListeners": {"operator": ["tls"]},
             "lockout": {"maxFailuresPerUsername": 3}}
            """
                .getBytes(UTF_8),
            dir,
            ROLES,
            CLOCK);
    assertThat(s.policyFor("tls").mode()).isEqualTo(AuthMode.CERTIFICATE_OR_PASSWORD);
    assertThat(s.policyFor("tls").acceptsTls("TLSv1.2")).isFalse();
    assertThat(s.policyFor("plain").allowAnonymous()).isTrue();
    assertThat(s.policyFor("other")).isEqualTo(ListenerPolicy.DEFAULT);
    assertThat(s.lockout().maxFailuresPerUsername()).isEqualTo(3);
    assertThat(s.lockout().maxFailuresPerAddress()).isEqualTo(20);
    assertThat(s.roleListeners()).containsEntry("operator", Set.of("tls"));
  }

  @Test
  void settings_unknownRoleInRoleListeners_isAnError(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                AuthSettings.parse(
                    "guard.json",
                    "{\"roleListeners\": {\"root\": [\"tls\"]}}".getBytes(UTF_8),
                    dir,
                    ROLES,
                    CLOCK))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/roleListeners/root");
  }

  @Test
  void representativeHash_isTheMostCommonFormatAndCost_forDecoys() throws ConfigException {
    UsersConfig c =
        parse(
            """
            {"users": {"a": {"password": "%s"}, "b": {"password": "%s"},
                       "c": {"password": "%s"}, "d": {}}}
            """
                .formatted(MOSQ7, ARGON, ARGON));
    PasswordHash h = java.util.Objects.requireNonNull(c.representativeHash());
    assertThat(h.format()).isEqualTo(HashFormat.ARGON2ID);
    assertThat(h.parameters()).isEqualTo("v=19,m=65536,t=2,p=1");
    assertThat(UsersConfig.empty().representativeHash()).isNull();
  }

  @Test
  void parse_usernamesWithTopicOrControlCharacters_areRejectedBySchema() {
    for (String bad : List.of("a/b", "a+b", "a#b", "a\\u0000b", "a\\u0085b", "a\\ufffdb")) {
      ConfigException e = rejected("{\"users\": {\"" + bad + "\": {}}}");
      assertThat(e.problems()).as(bad).isNotEmpty();
    }
  }
}
